"""How well quotes name no one: names caught, ordinary capitalised words masked wrongly.

Sentences written for this test, in the voice of focus-group talk with young people,
parents and carers, and social care staff; names are in braces. The measurement runs the
full pseudonymisation a quote gets (known names: none; the patterns; then the
unlisted-names pass), with these sentences alone as the collection (no demo transcript),
so the figures do not move when the demo study changes. docs/focus_groups.md reports
them ("Measured").
"""
from __future__ import annotations

import re
from collections import Counter

import pandas as pd
import pytest

from cpdresearch.report.name_lexicon import name_lexicon
from cpdresearch.report.pseudonymise import Pseudonymiser, pseudonymise_series
from cpdresearch.report.unlisted_names import NAME_MASK, mask_unlisted_names

#: Sentences that name someone (names in braces), some also holding ordinary capitalised words.
NAMED = """
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
{Oluwaseun} is the only one who explains things properly.
{Zainab} keeps a diary of every missed visit.
Me and {Wojciech} share a room at the placement.
{Grace Brown} was our guardian in court.
Mr {Baker} from the housing office never called back.
Honestly {Niamh} was the first worker who knocked and waited.
I said to {Callum}, you have to tell them how you feel.
{Aoife} and her mum came to every review.
We rang {Khadija} when the carer went off sick.
My little brother {Yusuf} thinks the police are coming for him.
{Tunde} helped me fill in the college form.
Her key worker {Nkechi} drove her to every hearing.
I get on with {Kofi} because he is honest with me.
{Ama} stayed late so I could finish my story.
In the end {Thandiwe} got the move she wanted.
Mrs {Hussain} gave us a lift to the hospital.
{Piotr} translated for his dad at the meeting.
My dad and {Katarzyna} split up last spring.
{Oksana} arrived with her two boys and no English.
We met {Arjun} at the youth club on Thursday.
I only trust {Harpreet Kaur} with my stuff.
Miss {Begum} was the teacher who noticed.
{Rhys} and {Cerys} were placed with different carers.
Foster carers like {Morag} are hard to find.
{Callum}'s social worker left without saying goodbye.
{Ioana} needs an interpreter for Romanian, not a cousin.
We waited for {Andrei} for an hour and he never came.
Last week {Saoirse} got her own flat.
I would not be here without {Precious}.
I phoned {Blessing} straight after the panel.
{Amber} said she would never go back there.
We call {Frank} when the boiler breaks.
Mark my words, {Mark} will leave like the others.
{Rose} and her nan live round the corner.
The family of {Abdi Mohamed} felt judged from the first visit.
{Hodan} asked for a female worker and got one.
{Jermaine} was excluded twice before anyone asked why.
My cousin {Tyrone} looked after us when mum was ill.
{Chantelle}'s baby was taken into care at birth.
I spoke to Ms {Mensah} about the respite.
{Bogdan} works nights so he misses every meeting.
{Leila} said the worker laughed at her accent.
Dr {Adeyemi} wrote to the school for us.
{Ravi} and {Sunita} have fostered for twenty years.
The advocate, {Farah}, sat next to me the whole time.
{Dafydd} moved here from Wales when he was six.
{Eoin} plays football every Saturday with his dad.
{Freya} hates it when they read her file out loud.
My worker {Jo Evans} changed everything for us.
{Ayesha Khan} came with me to the dentist.
{Sipho} wants to be a social worker himself one day.
Mr {Kowalski} shouted at us across the landing.
{Summer} is only nine and she has had seven moves.
{Daisy} told the judge what she wanted.
{Poppy} and {Holly} still ask about their dad.
{Destiny} said the new house smells of paint.
I asked {Robin} why the plan had changed.
{Sky} was upset that nobody came to her birthday.
{Faith} keeps every letter her worker sends.
{Dawn} from the fostering team is brilliant.
{Bill} used to be our neighbour before he moved.
{Jack} was the one who got me into boxing.
The guardian, {Sue Wright}, spoke to my daughter alone.
{Nadia} and {Omar} came from Syria with their uncle.
{Mehmet} has been waiting a year for his assessment.
I met {Linh Nguyen} at the parents' group.
{Reza} stopped coming when his worker changed.
{Gurpreet} texts me every Friday to check in.
When {Ali} went missing, nobody rang me for two days.
We told {Maryam} to write down everything they promised.
{Bilal} and {Hamza} are twins but they were split up.
{Folake} is the only carer who lets us cook.
{Leroy} plays his music loud and the neighbours complain.
{Chidi}'s worker took him for a haircut before court.
{Delroy} lost his job after the assessment.
{Gethin} and his sister had three workers each.
{Emre} is learning English at college now.
{Zofia} sent me a card when I got my flat.
Sometimes {Tomasz} hides in his room all day.
{Anjali}'s mum works double shifts at the hospital.
{Jakub} was the one who found me when I ran off.
Auntie {Nkechi} took us in when mum was in hospital.
{Oluwaseun Adebayo} was the one worker who came to the funeral.
I never knew what {Siobhan Gallagher} had written until the hearing.
We asked for {Kwabena} to stay on the case and they said no.
{Shabnam} did the assessment in Bengali, which made all the difference.
{Tomás} had to translate for his mum at the child protection meeting.
My eldest, {Declan}, does not trust anyone with a lanyard.
{Precious Okoro} chaired the meeting and let me speak first.
I rang the office and {Jasmine} picked up on the first ring.
{Lucja} came to the door with a police officer and no warning.
The two workers, {Stacey} and {Ahmed}, were both lovely.
{Mercy} and her baby are in a mother and baby placement.
We still talk about {Grace} and the cake she made us.
{Darnell}'s foster carer came to every football match.
My daughter {Keira} was told off for swearing at the panel.
{Hope Adeyemi} is the best worker we have had.
{Saanvi} joined the children in care council last year.
{Wiktoria} wants to go back to Poland to see her gran.
{Ibrahim Diallo} waited three years for his status.
{Caoimhe} is the only one who remembers my birthday.
""".strip().splitlines()

#: Sentences that name no one: capitalised words at sentence starts, words that are also
#: names (Will, Hope, Grace, Rose, Mark, Court, Brown), brands and apps, places,
#: languages, festivals, national bodies and the named things of social care.
UNNAMED = """
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
Will they ever listen to us?
May I say something about the last review?
Hope is the thing that keeps us going.
Grace periods for rent arrears would help families.
Frank conversations with parents take courage.
Young people want workers who turn up.
Rose-tinted reports do nobody any favours.
Bills pile up when benefits are stopped.
Early intervention saves money later.
Mark the plan as urgent, the manager said.
Jack it in, my mate said, but I stayed.
Joy is rare in our house these days.
Faith groups do a lot of the support round here.
Amber warnings on the app mean a visit is late.
Court was the worst day of my life.
Brown envelopes from the council make my heart sink.
Baker days at school mean I need childcare.
Kids on WhatsApp share everything.
Snapchat maps show where everyone is.
My daughter spends hours on YouTube and Roblox.
He plays Fortnite until three in the morning.
We watched Netflix together on contact days.
Ofsted came in the week after the audit.
Cafcass wrote the report for the family court.
Barnardo's ran the group for young carers.
Childline was the number I rang at night.
Kooth helped me when the waiting list for counselling was long.
We met at McDonald's because it felt neutral.
She buys his school uniform at Tesco.
The Virtual School Head chased the college place.
I moved here from Manchester when I was twelve.
My family are from Poland and we speak Polish at home.
Dad speaks Urdu and Punjabi but not much English.
Mum speaks Somali and a bit of Arabic.
They came from Romania and nobody explained the system.
Her grandparents live in Jamaica.
During Ramadan the visits were moved to the evening.
At Eid the carers took the children to the mosque.
We celebrate Diwali with my aunt in Leicester.
Easter holidays are hard without school dinners.
The Care Leavers team helped with my deposit.
My Personal Adviser rang me every week in the first year.
Staying Put meant I could finish my exams.
The Pathway Plan was written without me.
Looked After Children reviews happen every six months.
The Professional Capabilities Framework is on the wall in the office.
Social Work England sets the standards.
Research in Practice has good briefings on neglect.
Frontline trainees join us every September.
The Department for Education changed the funding rules.
Black families in our area feel over-watched.
Asian parents told us the leaflets were only in English.
Muslim families asked for female workers.
The Christian charity runs the food bank.
Catholic schools sent a lot of referrals last year.
Duty workers deal with the Police every night.
Supervision on Tuesday was cancelled again.
Sometimes the carers do not know what the plan says.
Nobody explained what a Section 20 meant.
Everyone was kind at the Child in Need meeting.
Leeds and Bradford share the out-of-hours service.
Birmingham has a bigger team than ours.
London prices mean workers leave.
The mother moved to Liverpool with the baby.
His father is in prison in Scotland.
We drove to Bristol for the contact centre.
Google Translate is not good enough for a child protection visit.
Facebook groups for parents can be cruel.
Discord servers are where the older boys talk.
PlayStation chat is how they groom younger ones.
Xbox Live was where he met the man.
Spotify playlists help me calm down.
Uber drivers bring the kids back sometimes.
Amazon vouchers were the only Christmas present.
Primark is where we get uniform.
Greggs is where we meet after school.
Zoom reviews are easier for dad who works nights.
Android phones were handed out in lockdown.
Peer support groups work better than courses.
Reflective supervision helps me think.
Practice Educators support the students.
The Practice Supervisor programme was useful.
Senior Social Workers carry the complex cases.
Team Managers sign off every assessment.
Advanced Practitioners run the learning sets.
Newly qualified workers need protected caseloads.
Monday mornings are chaos in the office.
Wednesday is the only day the team is all in.
Our Family Hub runs groups on Saturday mornings.
The Multi-Agency Safeguarding Hub takes the calls.
The Designated Safeguarding Lead at the school rang us.
The Housing Officer never returned my calls.
Please listen before you write.
Parents said the letters sounded like threats.
Carers said respite should be planned, not a favour.
Workers said the recording system takes half the day.
Students said the placements were good.
Mind of My Own is the app I use to tell my worker how I feel.
Bright Spots surveys asked us about our lives.
Lifelong Links found my grandad.
Mockingbird constellations meet once a month.
Kinship carers need the same training.
Special Guardianship Orders leave families without support.
Domestic Abuse training was the best course this year.
Motivational Interviewing changed how I ask questions.
Restorative Practice is the model here.
Trauma-informed practice is talked about more than it is done.
Systemic Practice training took two years.
Teams across the county use different forms.
Our local Children in Care Council meets on Thursdays.
Corporate Parenting Board members visited the home.
The Mental Health team closed the case.
Adult Social Care did not share the assessment.
Probation were not at the meeting.
Outside, the Police were waiting.
Yesterday the carer rang in tears.
Honestly, nobody reads the plans.
Last year three managers left.
Before Christmas the rota fell apart.
After Easter the new team started.
Thankfully the school noticed.
Luckily the neighbour called us.
Apparently the file was lost.
Unfortunately the interpreter never came.
Maybe they will listen now.
Perhaps training should be shorter.
Obviously the children come first.
Eventually the placement broke down.
Overall the course was worth it.
Nothing changed after the complaint.
Everything is done by email now.
Something has to change.
Anyway, the worker left.
Basically we were left alone.
Instead they sent a letter.
Meanwhile the baby was in hospital.
Because of the cuts the groups closed.
Although she tried, nobody helped.
Unless someone listens, it will happen again.
Whatever they say, they never come back.
However hard we try, the forms take hours.
During lockdown the visits were on video.
Since the review nothing has changed.
Until then we had no worker at all.
Once a month the manager joins supervision.
Each worker has a learning plan now.
Both parents came to the meeting.
Neither carer knew the plan.
Several workers asked for more training.
Many families never hear back.
Most of the young people wanted the same worker.
Few managers ask what we need.
Some carers drive miles for training.
Other councils pay more.
Another worker left in June.
This is the fourth worker this year.
That was the worst meeting ever.
These forms are too long.
Those visits were short.
Such training should be for everyone.
Right, let us start.
Well, that is the point.
So the worker left.
And then nothing happened.
But nobody told us.
Or they just stop ringing.
Yes, it was on Tuesday.
No, the plan was never shared.
Okay, next question.
Sorry, I lost my thread.
Thanks for asking us.
Wow, that is a lot.
Oh, and the carer was great.
Well done to the team.
Listen to children.
Ask the family first.
Tell the truth even when it is hard.
Explain the plan in plain words.
Write it down with us, not about us.
Come on time.
Stay for longer than six months.
Call back the same day.
Keep your promises.
Read the file before the visit.
Knock before you come in.
Speak to the child alone.
Check in after court.
Learn about our culture.
Remember our birthdays.
Bring an interpreter, not a cousin.
""".strip().splitlines()

_TITLE_WORDS = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|Dr|Uncle|Auntie)\b")
_CAPITALISED = re.compile(r"(?<![\w'\-])[A-Z](?:'[A-Z])?[a-z][A-Za-z'\-]*")


def measure(sentences: list[str]) -> dict:
    """Names caught and other capitalised words masked, counted word by word."""
    plain = [re.sub(r"[{}]", "", s) for s in sentences]
    out = mask_unlisted_names(pseudonymise_series(pd.Series(plain), pseudonymiser=Pseudonymiser()))
    n = Counter()
    missed, masked = [], []
    for marked, result in zip(sentences, out):
        kept = Counter(_CAPITALISED.findall(result))
        names = Counter(part for name in re.findall(r"\{([^}]+)\}", marked) for part in name.split())
        others = Counter(_CAPITALISED.findall(_TITLE_WORDS.sub(" ", re.sub(r"\{[^}]+\}", " ", marked))))
        for word in names | others:
            # a word both a name and an ordinary word in one sentence ("Mark my words, Mark
            # will ..."): what was kept counts as the ordinary uses first
            kept_other = min(kept[word], others[word])
            missed += [(word, result)] * min(names[word], kept[word] - kept_other)
            masked += [(word, result)] * (others[word] - kept_other)
        n["names"] += names.total()
        n["others"] += others.total()
    return {"names": n["names"], "caught": 1 - len(missed) / n["names"], "missed": missed,
            "others": n["others"], "false_masks": len(masked) / n["others"], "masked": masked}


def test_names_nobody_listed_are_caught_and_ordinary_words_kept():
    m = measure(NAMED + UNNAMED)
    assert m["names"] >= 150 and m["others"] >= 250, (m["names"], m["others"])
    # the aims; docs/focus_groups.md reports both figures
    assert m["caught"] >= 0.95, (m["caught"], m["missed"])
    assert m["false_masks"] < 0.02, (m["false_masks"], m["masked"])
