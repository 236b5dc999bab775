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


_DIGITS = ["không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"]
_GROUPS = ["", "nghìn", "triệu", "tỷ", "nghìn tỷ"]  # enough for any fund (below 10^15 đồng)


def _three_digits(number, full):
    """A group of three digits read aloud; `full`: a group after a higher one (“không trăm linh năm”)."""
    hundreds, tens, units = number // 100, number // 10 % 10, number % 10
    words = []
    if hundreds or full:
        words += [_DIGITS[hundreds], "trăm"]
    if tens == 0:
        if units and words:
            words.append("linh")
    elif tens == 1:
        words.append("mười")
    else:
        words += [_DIGITS[tens], "mươi"]
    if units:
        if units == 1 and tens >= 2:
            words.append("mốt")
        elif units == 5 and tens >= 1:
            words.append("lăm")
        else:
            words.append(_DIGITS[units])
    return words


def amount_in_words(amount):
    """An amount of money as a document writes it out: 3050000 → “Ba triệu không trăm năm mươi nghìn đồng”."""
    amount = int(amount)
    if amount == 0:
        return "Không đồng"
    groups = []
    while amount:
        groups.append(amount % 1000)
        amount //= 1000
    words = []
    for index in range(len(groups) - 1, -1, -1):
        group = groups[index]
        if not group:
            continue
        words += _three_digits(group, full=bool(words))
        if _GROUPS[index]:
            words.append(_GROUPS[index])
    text = " ".join(words) + " đồng"
    return text[0].upper() + text[1:]
