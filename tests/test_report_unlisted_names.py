"""How well quotes name no one: names caught, ordinary capitalised words masked wrongly.

Sentences written for this test, in the voice of focus-group talk; names are in braces.
The measurement runs the full pseudonymisation a quote gets (known names: none; then the
unlisted-names pass), with the demo transcripts as the collection around them.
"""
from __future__ import annotations

import re

import pandas as pd

import cpdresearch as cpd
from cpdresearch.report.pseudonymise import Pseudonymiser, pseudonymise_series
from cpdresearch.report.unlisted_names import mask_unlisted_names

SENTENCES = """
Then {Kwame} told me that {Siobhan} from school had called, and Mr {Patel} agreed.
My worker {Jade} always rings back the same day.
I told {Hope} that the plan was not working.
{Will} said the panel had already decided.
We went with {Grace} to the Family Group Conference.
Our new worker is called {Tariq} and he listens.
Ms {O'Neill} came to the house twice.
My sister {Chloe} had four workers in a year.
{Priyanka Shah} rang the duty line at midnight.
When {Dylan} kicks off, nobody asks him why.
The manager, {Deborah}, makes every decision at panel.
I asked {May} to write it down in my words.
My son {Oliver} is fourteen and he has a voice.
She texted {Aisha} back after a week.
{Kayden} and {Liam} were moved on the same day.
We had a meeting with Dr {Okonkwo} about the medication.
I still see {Bethany} at contact every Sunday.
Thanks to {Marek} the plan finally made sense.
My friend {Zara} got an anonymous message on the group chat.
The worker before {Connor} never turned up.
Nobody told {Jayden} why he had to move.
My nan says {Ruby} needs a worker who stays.
{Ellie} said she only trusts her teacher.
I rang {Imran} three times and got the voicemail.
The social worker, {Megan}, explained the plan in plain words.
I think {Tyler} would open up if someone listened.
{Harvey Lewis} was my fifth worker.
Uncle {Des} picks us up from school.
On Monday I met {Agnieszka} at the Family Centre.
We told {Joy} the truth in the end.
{Grace} and {Hope} live with their nan now.
Our foster carer {Sandra} taught me to cook.
I was scared when {Mohammed} shouted at the worker.
His brother {Kai} is in a children's home in another town.
The judge listened to {Fatima} in the end.
After {Lily-Mae} left, the new worker read the whole file.
The Trust board asked for a new plan in May.
Signs of Safety helps me write plans that families recognise.
We use Microsoft Teams for supervision now.
The NHS nurse and the school both came to the meeting.
On Friday the Youth Offending Team ran a session on online harms.
Our Family Group Conference was in March.
Trust matters more than anything.
Screenshots are often the first evidence we see.
Good induction helps a new worker stay.
Every Christmas the carers organise a party.
Relationship-based practice needs time.
Contextual safeguarding has to include what happens online.
The Independent Reviewing Officer chaired the review.
I hope the plan will change.
I will tell them at the Child Protection Conference.
Training on Instagram and TikTok gets out of date within a year.
The English lesson was the only calm part of the day.
In April the Local Authority changed the threshold.
Our Early Help worker was brilliant.
Emotion coaching gives me words to calm a situation down.
""".strip().splitlines()


def _measure(sentences, vocabulary_texts):
    names, masked_names, others, masked_others = 0, 0, 0, 0
    plain = [re.sub(r"[{}]", "", s) for s in sentences]
    p = Pseudonymiser()
    collection = pd.Series(plain + list(vocabulary_texts))
    out = mask_unlisted_names(pseudonymise_series(collection, pseudonymiser=p)).iloc[:len(plain)]
    for marked, result in zip(sentences, out):
        for name in re.findall(r"\{([^}]+)\}", marked):
            for part in name.split():
                names += 1
                masked_names += part not in result
        rest = re.sub(r"\{[^}]+\}|\b(?:Mr|Ms|Dr|Uncle)\b", " ", marked)
        words = re.findall(r"\b[A-Z][a-z][A-Za-z'\-]*", rest)
        for word in words:
            others += 1
            masked_others += not re.search(rf"\b{re.escape(word)}\b", result)
    return masked_names / names, masked_others / others, names, others


def test_names_nobody_listed_are_caught_and_ordinary_words_kept(demo_dir):
    study = cpd.load_study(demo_dir)
    caught, wrongly_masked, n_names, n_others = _measure(SENTENCES, study.segments["text"])
    assert n_names >= 40 and n_others >= 70
    # docs/focus_groups.md reports both numbers. Names: the aim (>= 95%) is met.
    # Ordinary capitalised words: without a lexicon, named things the small demo
    # collection never writes in lower case ("Signs of Safety", "TikTok") are masked;
    # the aim (< 2%) is not met, and this bound only guards against getting worse.
    assert caught >= 0.95, caught
    assert wrongly_masked <= 0.20, wrongly_masked
