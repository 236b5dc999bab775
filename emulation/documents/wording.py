"""Vietnamese wording shared by documents (the text of official documents is Vietnamese by law)."""


def nominee_count(persons, units, households=0):
    """“1 cá nhân và 1 tập thể”, “3 cá nhân”, “2 tập thể”, “2 cá nhân, 1 hộ gia đình và 1 tập thể”; "" when
    all are zero (say nothing rather than “0 cá nhân”)."""
    parts = [f"{count} {word}" for count, word in ((persons, "cá nhân"), (households, "hộ gia đình"), (units, "tập thể"))
             if count]
    return " và ".join(parts) if len(parts) < 3 else f"{', '.join(parts[:-1])} và {parts[-1]}"


def vote_result(votes_for, members, needed):
    """“8/9 thành viên đồng ý (cần 8)”: votes for over the council's whole membership, and the pass mark."""
    return f"{votes_for}/{members} thành viên đồng ý (cần {needed})"


def long_date(day):
    """“ngày 14 tháng 6 năm 2025” (as legal texts are cited)."""
    return f"ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"
