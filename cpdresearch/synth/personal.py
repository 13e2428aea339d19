"""Fake personal data planted where real exports carry it.

Real survey free text, evaluation forms and transcripts contain names, email addresses,
phone numbers and postcodes. The demo plants fake ones so that the pseudonymiser and the
disclosure checks have something to find; tests can assert that none of these strings
reaches a published output. All of them are reserved or fictional:

- phone numbers are in Ofcom's 07700 900000-900999 range kept for drama;
- email addresses are at ``example.org`` (reserved by RFC 2606);
- postcodes are in the ZZ area, which is not a real postcode area (the NHS uses ZZ99 as
  a pseudo-postcode);
- the landline is in Ofcom's 0113 496 0000-0999 drama range;
- National Insurance numbers carry HMRC's ``QQ`` specimen prefix, never issued;
- the names, schools and addresses are invented for this demo (first names of diverse
  origin, of seven letters or more so that a scan of published files cannot meet them by
  chance inside other words or base64 images; a title and surname as people say them).

Names under ``"name"`` are the study's roster (``raw/known_names.csv``); those under
``"unlisted_name"`` are declared nowhere, as in real transcripts, where children,
siblings, workers and teachers are named in passing. The focus-group transcripts use
them through the session's cast (:mod:`cpdresearch.synth.focus_groups`).
"""
from __future__ import annotations

__all__ = ["PLANTED_PERSONAL_DATA", "SURVEY_COMMENTS", "EVALUATION_TEXTS", "TRANSCRIPT_TURNS", "CAST_SLOTS"]

#: kind -> the planted strings, exactly as they appear in the files.
PLANTED_PERSONAL_DATA: dict[str, list[str]] = {
    "name": ["Dana Okafor", "Gareth Pryce", "Mirela Novak", "Tomasz Wren", "Priya Castellan"],
    "email": ["dana.okafor@example.org", "g.pryce@example.org", "mirela.novak@example.org"],
    "phone": ["07700 900123", "07700 900481", "07700 900917"],
    "postcode": ["ZZ99 3WZ", "ZZ1 4QT", "ZZ7 2LX", "ZZ3 8RN"],
    # Only in transcripts, and declared nowhere: what the unlisted-names pass and the
    # address, school and NI patterns must catch.
    "unlisted_name": ["Oluwaseun", "Kwabena", "Siobhan", "Aaliyah", "Bartosz", "Lakshmi", "Rhiannon",
                      "Chinonso", "Yasmeen", "Tadeusz", "Shanice", "Harrison", "Bernadette", "Rukhsana",
                      "Magdalena", "Chidinma", "Fionnuala", "Mr Patel", "Mrs Haddad", "Ms Kowalczyk",
                      "Mr Fitzgerald", "Dr Ramaswamy", "Mrs Achterberg"],
    "school": ["St Mary's Primary", "Oakfield Academy", "Hollins Park High School"],
    "address": ["14 Mill Lane", "27 Cedar Grove", "3a Foundry Street"],
    "ni": ["QQ 12 34 56 C", "QQ 88 51 07 A"],
}
PLANTED_PERSONAL_DATA["email"] += ["j.amankwah@example.org"]
PLANTED_PERSONAL_DATA["phone"] += ["07700 900562", "0113 496 0732"]

_N, _E, _P, _C = (PLANTED_PERSONAL_DATA[k] for k in ("name", "email", "phone", "postcode"))

#: Survey comments that carry personal data (each appears at least once).
SURVEY_COMMENTS: tuple[str, ...] = (
    f"Supervision with {_N[0]} has been the most useful CPD I have had this year.",
    f"Happy to talk more about this, my email is {_E[1]}.",
    f"I moved from the office near {_C[0]} and the travel to training is now very hard.",
    f"{_N[2]} ran a brilliant case discussion. Ring me on {_P[1]} if you want details.",
)

#: Evaluation free-text answers that carry personal data.
EVALUATION_TEXTS: tuple[str, ...] = (
    f"The trainer {_N[1]} made the session feel safe to ask questions.",
    f"Please send the slides to {_E[2]}.",
    f"I will share this with {_N[3]} in my team and with the family I visit at {_C[1]}.",
    f"Could someone call me back on {_P[2]} about the follow-up session?",
)

#: Transcript turns that carry personal data, by participant group.
TRANSCRIPT_TURNS: dict[str, tuple[str, ...]] = {
    "young_people": (
        f"The one I trust is {_N[0]}, she gave me her number, {_P[0]}, and she actually answers.",
        f"I wrote to {_E[0]} once because I couldn't get through on the phone.",
    ),
    "parents_carers": (
        f"Our worker was {_N[4]} and she came out to us at {_C[2]} every week, the relationship was good.",
        f"I rang {_P[0]} again and again before anyone called me back.",
    ),
    "staff": (
        f"When {_N[3]} left, three of my families had to start their relationship again.",
        f"My manager {_N[1]} makes the decision at panel but has never met the child.",
    ),
}

_U = PLANTED_PERSONAL_DATA["unlisted_name"]

#: The personal slots of :data:`cpdresearch.synth.talk.PLANTS` and the planted values
#: that fill them (first names of children and siblings, workers' first names, a title
#: and surname, and the direct identifiers said aloud).
CAST_SLOTS: dict[str, list[str]] = {
    "child": _U[:12],
    "worker": _U[12:17],
    "title_name": _U[17:],
    "school": PLANTED_PERSONAL_DATA["school"],
    "address": PLANTED_PERSONAL_DATA["address"],
    "ni": PLANTED_PERSONAL_DATA["ni"],
    "phone": PLANTED_PERSONAL_DATA["phone"][3:],
    "email": PLANTED_PERSONAL_DATA["email"][3:],
    "postcode": PLANTED_PERSONAL_DATA["postcode"][3:],
}
