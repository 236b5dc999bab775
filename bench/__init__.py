"""The province benchmark (`manage.py bench`, `make bench`): a synthetic province generated into its own
database (`province`), measurements of the pages as the roles that use them and of the long jobs
(`measure`), a load run of gunicorn under a bounded load generator (`load`), and the results written
as JSON and Markdown (`results`). Never imported by the product: only the command and its test use it.
"""
