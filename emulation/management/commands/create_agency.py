"""Start a new issuing agency: the agency (letterhead, symbol abbreviation, place), its top unit, the first
login of its Office and the login of its Director (who approves plans and decisions), each printed with a
temporary password. The Office then builds the rest (units, staff, logins, council, plans, rounds) in the
pages; its home page links to "Thiết lập cơ quan", which lists what is still missing.

Safe to run twice: an agency with the same abbreviation, a unit with the same code or a login with the same
name is kept as it is (and said so).
"""
import secrets

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from emulation.models import Agency, Role, Unit, User


class Command(BaseCommand):
    help = "Create an issuing agency with its top unit and the logins of its Office and its Director."

    def add_arguments(self, parser):
        parser.add_argument("--name", required=True, help="Name on documents, in capitals: “SỞ Y TẾ”.")
        parser.add_argument("--abbreviation", required=True, help="For document symbols: SYT (QĐ-SYT, KH-SYT).")
        parser.add_argument("--parent-authority", required=True, help="“UBND TỈNH QUẢNG NGÃI”.")
        parser.add_argument("--place", required=True, help="Place name of the date line: “Quảng Ngãi”.")
        parser.add_argument("--unit-code", required=True, help="Code of the agency's top unit.")
        parser.add_argument("--unit-name", required=True, help="Name of the top unit: “Sở Y tế tỉnh Quảng Ngãi”.")
        parser.add_argument("--office-login", required=True, help="Username of the Office's first login.")
        parser.add_argument("--director-login", default="",
                            help="Username of the Director's login (default: giamdoc.<abbreviation in lower case>).")
        parser.add_argument("--office-chief", default="", help="Chief of the Office (signs “TL. GIÁM ĐỐC”).")
        parser.add_argument("--head-title", default="GIÁM ĐỐC", help="Title of the head printed above a signature.")
        parser.add_argument("--kind", choices=[k.value for k in Agency.Kind], default=Agency.Kind.AGENCY,
                            help="“province” for the provincial standing body (Ban Thi đua - Khen thưởng).")
        parser.add_argument("--forwards-to", default="",
                            help="Abbreviation of the provincial standing body this agency forwards higher awards to.")

    @transaction.atomic
    def handle(self, *args, **options):
        abbreviation = options["abbreviation"].strip().upper()
        agency, created = Agency.objects.get_or_create(abbreviation=abbreviation, defaults={
            "name": options["name"].strip(), "parent_authority": options["parent_authority"].strip(),
            "place": options["place"].strip(), "office_chief": options["office_chief"].strip(),
            "head_title": options["head_title"].strip(), "kind": options["kind"],
        })
        self.stdout.write(f"{'Created' if created else 'Kept'} agency {agency.name} ({agency.abbreviation}).")
        if options["forwards_to"]:
            province = Agency.objects.filter(abbreviation=options["forwards_to"].strip().upper(),
                                             kind=Agency.Kind.PROVINCE).first()
            if province is None:
                raise CommandError(f"No provincial standing body {options['forwards_to']}; create it first (--kind province).")
            if agency.province_id is None:
                Agency.objects.filter(pk=agency.pk).update(province=province)
                self.stdout.write(f"It forwards higher awards to {province.name}.")
        code = options["unit_code"].strip().upper()
        unit = Unit.objects.filter(code=code).first()
        if unit is None:
            unit = Unit.objects.create(code=code, name=options["unit_name"], kind=Unit.Kind.DEPARTMENT, agency=agency)
            self.stdout.write(f"Created top unit {unit.code} – {unit.name}.")
        elif unit.agency_id != agency.pk:
            raise CommandError(f"Unit {code} belongs to another agency; choose another code.")
        self._login(options["office_login"].strip(), Role.OFFICE, agency, "Office")
        self._login(options["director_login"].strip() or f"giamdoc.{abbreviation.lower()}", Role.DIRECTOR, agency,
                    "Director")

    def _login(self, username, role, agency, label):
        """The login `username` of `agency` with `role`, created with a printed temporary password; kept as
        it is when it exists in the agency; refused when it belongs to another."""
        user = User.objects.filter(username=username).first()
        if user is None:
            password = secrets.token_urlsafe(12)
            user = User(username=username, role=role, agency=agency, must_change_password=True)
            user.set_password(password)
            user.save()
            self.stdout.write(f"Created {label} login {username} with the password {password} (change it at first login).")
        elif user.agency_id != agency.pk:
            raise CommandError(f"Login {username} belongs to another agency; choose another name.")
        else:
            self.stdout.write(f"Kept login {username}.")
