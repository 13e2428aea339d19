"""Synthetic sentences, written for this demo, that the generators compose with a seeded RNG.

Nothing here is copied from the source documents or from any participant: the seeds were
read for the themes only. Each focus-group theme has facilitator questions and sentence
pools for young people, parents and carers, and staff; every sentence of a theme matches
at least one of its codebook patterns, which ``tests/test_synth.py`` checks.

Examples
--------
>>> import re
>>> theme = THEMES["contactability"]
>>> all(any(re.search(p, s, re.I) for p in theme.patterns) for s in theme.staff)
True
"""
from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Theme", "THEMES", "OPENINGS", "CLOSINGS", "PROMPTS", "SURVEY_COMMENTS", "EVALUATION_TEXTS"]


@dataclass(frozen=True)
class Theme:
    """A focus-group theme: its codebook entry and the sentences that voice it."""

    id: str
    label: str
    description: str
    patterns: tuple[str, ...]
    kss: tuple[int, ...]
    pcf: tuple[int, ...]
    questions: tuple[str, ...]
    young_people: tuple[str, ...]
    parents_carers: tuple[str, ...]
    staff: tuple[str, ...]

    def voices(self, group: str) -> tuple[str, ...]:
        return getattr(self, group)


_THEMES = [
    Theme(
        "relationships", "Relationships and trust",
        "What builds or breaks trust between a child or family and their social worker.",
        (r"\btrust", r"\brelationship", r"\bbond\b", r"\bopen up\b"),
        (1,), (7,),
        ("What makes you trust a social worker?",
         "Tell me about a relationship with a worker that went well."),
        ("It took me ages to trust her, like months, but now I tell her stuff.",
         "If they just turn up with a clipboard you don't want to open up to them.",
         "The good ones build a relationship first, they take you for food and just talk.",
         "You can't trust someone you've only met twice."),
        ("Once there is a bond with the worker the whole family settles down.",
         "Without a proper relationship nothing else they do really lands.",
         "She earned our trust by doing what she said she would do.",
         "You open up to someone who treats you like a person, not a case."),
        ("Relationship-based practice needs time that caseloads don't give us.",
         "Trust comes from being reliable, turning up when you said you would.",
         "The families I have a real relationship with are the ones where plans work.",
         "Newer colleagues ask how to build trust with a teenager who won't talk."),
    ),
    Theme(
        "communication", "Communication",
        "Two-way communication with children and families: being kept informed, plain language.",
        (r"\bcommunicat", r"\bkeep(s|ing)? (me|us|them|families|you) (informed|updated|in the loop)",
         r"\bemail", r"\bexplain", r"\bjargon\b", r"\btext(s|ed)? (me|us|back)\b"),
        (2,), (7,),
        ("How do you like workers to keep you informed?",
         "What helps communication between you and your worker?"),
        ("She texts me back the same day, even if it's just to say she's busy.",
         "Nobody explained why I had to move, they just told me the night before.",
         "They use words like 'core group' and don't explain them.",
         "I'd rather they email me than ring when I'm at college."),
        ("Communication has to go both ways, we have things to tell them too.",
         "Keep us informed, even when there's no news, that's all we ask.",
         "The letters are full of jargon and I read them three times.",
         "My worker emails me after every visit with what was agreed."),
        ("Good communication with parents means writing the plan in their words.",
         "We are trained to explain thresholds, but not always to listen back.",
         "I try to keep families updated by text because they don't pick up withheld numbers.",
         "Communication skills with younger children are where I want more training."),
    ),
    Theme(
        "voice", "Listening to the young person's view",
        "Whether the child's own view is asked for, heard and acted on.",
        (r"\blisten", r"\bopinion", r"\bvoice\b", r"\b(my|your|their) (say|views?|side)\b", r"\bview\b", r"\bwishes and feelings"),
        (1, 2), (2, 4),
        ("Do you feel your views are listened to?",
         "When did a worker really listen to you?"),
        ("They should give you the choice and let you have your say.",
         "She actually listened, she wrote down what I said in my own words.",
         "At the meeting everyone talked about me and nobody asked my opinion.",
         "Sometimes they shut you down before you've even said your side."),
        ("My son has a voice and he's fourteen, he should be heard.",
         "They listened to the school more than they listened to us.",
         "When they asked my daughter's opinion she came back happier.",
         "I felt nobody was listening until the new worker came."),
        ("We record wishes and feelings, but the form is not the same as listening.",
         "Direct work tools help a quiet child find their voice.",
         "I want the young person's view in the first paragraph of every report.",
         "Listening well takes practice and supervision time to reflect on it."),
    ),
    Theme(
        "anger_behaviour", "Understanding anger and behaviour",
        "Understanding why a child is angry or behaves as they do, and how to help them calm.",
        (r"\bang(er|ry)\b", r"\bbehaviou?r", r"\bcalm", r"\bkick(s|ed|ing)? off\b", r"\bmeltdown", r"\bheated\b"),
        (3,), (5,),
        ("What should workers understand about anger?",
         "How can a worker help when things get heated?"),
        ("When I get angry they write it down instead of asking why.",
         "The good ones know how to calm you down without shouting.",
         "My behaviour got worse when I moved placement and nobody linked it.",
         "I kick off when people talk about my mum, they should know that."),
        ("His anger is about what happened to him, not about being naughty.",
         "They judged our house on one bad evening of behaviour.",
         "I need help to keep calm myself when she has a meltdown.",
         "Understanding the behaviour is half the battle, the worker got that."),
        ("Trauma training changed how I read a child's anger.",
         "Carers ask us for strategies for behaviour that comes out at night.",
         "Emotion coaching gives me words to calm a situation down.",
         "We label behaviour too quickly in reports."),
    ),
    Theme(
        "decisions_managers", "Decision making and managers",
        "Who makes decisions, how they are explained, and the distance to team managers.",
        (r"\bdecision", r"\bdecide", r"\bmanager", r"\bboss\b", r"\bpanel\b"),
        (7, 9), (6, 8),
        ("Who do you think makes the decisions about your family?",
         "How are decisions explained to you?"),
        ("The decision gets made by someone I've never even met.",
         "She always has to ask her boss before she can say yes.",
         "I wish I could go to the panel and speak for myself.",
         "They decided about contact without asking what I wanted."),
        ("The manager makes the decision but the manager doesn't know us.",
         "A decision like that changes a family's life, so explain it.",
         "Every answer is 'I need to check with my manager'.",
         "We waited weeks for the panel to decide."),
        ("Decision making sits with managers, so practitioners feel less ownership.",
         "I want managers to come on joint visits before big decisions.",
         "Analysis training helps me present a decision clearly at panel.",
         "Newly qualified workers wait a long time for a manager's decision."),
    ),
    Theme(
        "turnover", "Social worker turnover",
        "Changes of social worker and their effect on the child and family.",
        (r"\bturnover", r"\bleft\b", r"\bleav(e|es|ing)\b", r"\bnew (social )?worker",
         r"\banother (new )?(social )?worker", r"\bkeeps? changing", r"\b(second|third|fourth|fifth) worker", r"\bworkers? (change|changes|changed)\b"),
        (10,), (8,),
        ("How many workers have you had, and do they keep changing?",
         "What happens when your worker changes?"),
        ("I've had five workers, every time I get used to one they leave.",
         "A new worker means telling your whole story again.",
         "My worker left and nobody even told me she was going.",
         "It keeps changing, so I stopped telling them things."),
        ("They start full of energy and within months they've left with stress.",
         "My daughter won't talk to another new worker.",
         "Turnover is the thing that hurts the children most.",
         "Every time someone is leaving the plan starts again from scratch."),
        ("Turnover means I inherit cases with no handover.",
         "People leave because of caseloads, not because of the children.",
         "Good induction helps a new worker stay.",
         "I'm the fourth worker on that case and the family told me so."),
    ),
    Theme(
        "contactability", "Contactability",
        "Whether children and families can reach their worker, and how quickly they hear back.",
        (r"\bget hold of\b", r"\bget through\b", r"\bcall(ed|s)? (me |us )?back", r"\bring(s|ing)? back",
         r"\bmobile\b", r"\bvoicemail", r"\bout of hours", r"\banswer(s|ed)?\b", r"\bring the office\b"),
        (2, 10), (1,),
        ("Can you get hold of your worker when you need to?",
         "What happens when you ring the office?"),
        ("I can never get hold of her, it just goes to voicemail.",
         "It took years before I got my worker's mobile number.",
         "Out of hours is a different person every time.",
         "If she doesn't answer she always calls me back."),
        ("I've left message after message and nobody called me back.",
         "Having her mobile changed everything for us.",
         "The duty line never answers after four o'clock.",
         "I can get through by email when I can't get her on the phone."),
        ("Families can't get hold of us when we're in court all day.",
         "We give out the work mobile number now, which helps.",
         "I return calls in the evening because I can't in the day, and then I get no answer.",
         "An out of hours log would stop families repeating themselves."),
    ),
    Theme(
        "family_plans", "Plans that involve the family",
        "Plans made with the child and family rather than about them.",
        (r"\bplans?\b", r"\bplanning\b", r"\bfamily (group )?(meeting|conference)"),
        (6, 7), (7,),
        ("Were you part of making your plan?",
         "What makes a plan work for your family?"),
        ("The plan was about me but I wasn't really in it.",
         "A good plan has things I actually want to do.",
         "Nobody read the plan out to me, I found it in a letter.",
         "They should make the plan with us, not for us."),
        ("A family group conference let us make our own plan.",
         "The plan has to work for the whole family, not just on paper.",
         "We were never given a copy of the plan.",
         "Planning with us instead of around us would make a huge difference."),
        ("Signs of Safety helps me write plans that families recognise.",
         "Plans work when the family's network is in the room.",
         "I want training on planning for permanence with birth families.",
         "Our plans are written for the court, not for the family."),
    ),
    Theme(
        "online_harms", "Online harms",
        "Social media, apps and messaging in young people's lives, and the risks workers must understand.",
        (r"\bonline\b", r"\bsocial media\b", r"\bapps?\b", r"\banonymous", r"\bgroup chat",
         r"\bscreenshot"),
        (5,), (5,),
        ("What should workers know about your life online?",
         "How do apps and social media affect young people?"),
        ("There's a new app every month and the workers have never heard of it.",
         "People post anonymous stuff about you and it's abuse after abuse.",
         "Someone screenshotted the group chat and it went round the whole school.",
         "Workers think online is separate from real life, it isn't."),
        ("I don't know half the apps my son uses.",
         "The bullying carried on at home through social media.",
         "We need help to talk to our kids about what they see online.",
         "Anonymous accounts were sending my daughter messages at night."),
        ("Contextual safeguarding has to include what happens online.",
         "I'm not confident about the apps young people use now.",
         "Screenshots are often the first evidence of exploitation we see.",
         "Training on online harms gets out of date within a year."),
    ),
]

#: The focus-group themes by id, in codebook order.
THEMES: dict[str, Theme] = {t.id: t for t in _THEMES}

#: Facilitator lines that open and close every session (no theme).
OPENINGS: tuple[str, ...] = (
    "Thanks for coming. There are no right or wrong answers and you can stop at any time.",
    "Welcome everyone. We're talking about what makes a good social worker.",
)
CLOSINGS: tuple[str, ...] = (
    "Thank you, that's really helpful. We'll share what we heard.",
    "We'll stop there. Thank you all for your time today.",
)
#: Short facilitator prompts between participant turns.
PROMPTS: tuple[str, ...] = (
    "Can you say a bit more?", "Does anyone feel differently?", "What would help?",
    "Thank you. Anyone else?", "How did that feel?",
)

#: Survey ``comments`` (free text) without personal data.
SURVEY_COMMENTS: tuple[str, ...] = (
    "Protected time for reflection would make the biggest difference.",
    "Training is good but I can never get cover to attend.",
    "Supervision is mostly case management; there is little space for learning.",
    "I would like a clearer route from social worker to senior practitioner.",
    "The e-learning is easy to fit in but I don't remember much of it.",
    "Our team study day was the best CPD I have had.",
    "Workshops fill up before I can book.",
    "More shadowing of experienced colleagues, please.",
    "Managers should be trained in coaching.",
    "Conferences are too far away and too expensive.",
    "Peer case discussions in the team are really valuable.",
    "Induction was rushed because of caseload pressure.",
    "I don't always know what training is available.",
    "Learning from mistakes only happens after something has gone wrong.",
    "The ASYE programme supported me well.",
)

#: Evaluation free text, by column, without personal data.
EVALUATION_TEXTS: dict[str, tuple[str, ...]] = {
    "gain_most": (
        "Practical tools I can use on visits.", "Time to reflect on my own cases.",
        "Hearing how other teams work.", "The case studies.", "Understanding the research.",
        "Clarity on the legal framework.", "Confidence to challenge.",
    ),
    "use_in_practice": (
        "I will use the tools in my next direct work session.", "In supervision with my team.",
        "When writing assessments.", "At the next core group.", "With carers in my fostering households.",
        "In planning meetings with families.",
    ),
    "know_improved": (
        "Yes, especially on analysis.", "A little, mostly confirmed what I knew.",
        "Yes, I feel more confident.", "Not really, I knew most of it.", "Yes, the model was new to me.",
    ),
    "people_know": (
        "My team manager.", "My practice educator.", "The whole team at our next meeting.",
        "Colleagues in the hub.", "No one specifically.",
    ),
    "comments": (
        "Too much content for one day.", "Excellent trainer.", "The room was too small.",
        "Would like a follow-up session.", "Virtual worked well for me.", "More time for questions please.",
    ),
}
