"""Fragments of focus-group talk, written for this demo, that the session builder composes.

Nothing here is copied from a real transcript or from the source documents. A turn is
built from a group's voice (openers, fillers, tails, short answers), a theme's sentences
(:mod:`cpdresearch.synth.text` and the extra ones below, every one matching the theme's
codebook patterns), slot-filled elaborations, and story templates: a setup, a few events
of the theme, a feeling and a reflection. Slots such as ``{age}`` or ``{child}`` are
filled by the seeded generator; the names, schools, addresses and numbers that fill the
personal slots are the planted fakes of :mod:`cpdresearch.synth.personal`.

No fragment holds a colon (a continuation line must never look like a speaker), and a
personal slot never opens a sentence (the cautious unlisted-names pass reads a
capitalised word there as an ordinary word).

Examples
--------
>>> import numpy as np
>>> rng = np.random.default_rng(1)
>>> fill("I was {age} when I moved.", rng, {"age": ("nine",)})
'I was nine when I moved.'
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

__all__ = ["Voice", "VOICES", "EXTRA", "ELABORATIONS", "SETUPS", "EVENTS", "FEELINGS", "REFLECTIONS",
           "SLOTS", "FACILITATION", "INTRODUCTIONS", "PLANTS", "QUESTIONS", "GOOD", "BAD", "FRAMES",
           "fill"]

_SLOT = re.compile(r"\{(\w+)\}")


def fill(template: str, rng: np.random.Generator, slots: dict) -> str:
    """Replace every ``{slot}`` by one of its values (values may hold slots themselves)."""
    for _ in range(5):
        if "{" not in template:
            break
        template = _SLOT.sub(lambda m: slots[m[1]][int(rng.integers(len(slots[m[1]])))], template)
    return template


@dataclass(frozen=True)
class Voice:
    """How one participant group talks: the words around what they say."""

    openers: tuple[str, ...]
    fillers: tuple[str, ...]
    tails: tuple[str, ...]
    short: tuple[str, ...]
    backchannels: tuple[str, ...]
    interrupt_starts: tuple[str, ...]
    self_repairs: tuple[str, ...]


VOICES: dict[str, Voice] = {
    "young_people": Voice(
        openers=("Yeah,", "Like,", "Honestly,", "To be fair,", "I dunno,", "For me,", "Basically,", "See,",
                 "Um,", "Yeah but", "Nah, like,", "Okay so", "I mean,", "Thing is,", "Mine's different,",
                 "Same, but", "It's like,"),
        fillers=("like", "literally", "kind of", "you know", "um", "like, proper", "sort of", "erm"),
        tails=("so yeah.", "if that makes sense.", "and that's it really.", "it's long.", "that's all I'm saying.",
               "but whatever.", "you get me?", "so.", "and that's just how it is.", "it's a joke.",
               "and I'm not even lying."),
        short=("Yeah.", "Same.", "Same, yeah.", "True.", "Literally.", "Nah.", "No.", "Mm.", "Exactly.",
               "That's what I said.", "Yeah, that.", "[laughs] Yeah.", "Not really.", "Sometimes.",
               "Depends on the worker.", "I don't know.", "Pass.", "Same as him.", "Same as her.", "Facts.",
               "Yeah, definitely.", "Kind of.", "Mine too.", "Never.", "Yep.", "[laughter]", "Ha, yeah.",
               "No, never.", "Yeah, all the time."),
        backchannels=("Yeah.", "Mm.", "Same.", "[laughs]", "Oh my days.", "Wow.", "That's bad.", "Yeah, true."),
        interrupt_starts=("[crosstalk] No but", "[crosstalk] Wait,", "Sorry, but", "[crosstalk] Yeah and",
                          "Can I say something,", "[crosstalk] That's the thing,"),
        self_repairs=("no wait,", "I mean,", "or, like,", "actually no,"),
    ),
    "parents_carers": Voice(
        openers=("To be honest,", "I mean,", "See, for us,", "Well,", "Honestly,", "From our side,",
                 "I'll be honest,", "Speaking as a carer,", "As a parent,", "Like I said,", "The thing is,",
                 "For me,", "I think", "Oh, and", "Sorry, just to add,", "What I'd say is",
                 "It's funny you ask, because", "Mine's a bit different,"),
        fillers=("you know", "I mean", "to be fair", "and that", "like", "honestly", "erm", "um"),
        tails=("at the end of the day.", "and that's all we wanted.", "that's how it felt anyway.",
               "you know what I mean?", "and it shouldn't be like that.", "that's the honest truth.",
               "and I'm not the only one.", "so there you go.", "and that was that.",
               "I'm still cross about it, if I'm honest."),
        short=("Yes.", "Absolutely.", "That's right.", "Same here.", "Mm-hm.", "Exactly that.", "Oh, definitely.",
               "No.", "Every time.", "Same with us.", "I'd agree with that.", "That's it, yeah.", "Yeah.",
               "Not once.", "Sometimes, yeah.", "Mm.", "Hundred percent.", "Oh yes.", "God, yes.", "[laughs]",
               "Same.", "Not in our case.", "It depends who you get."),
        backchannels=("Mm.", "Yeah.", "Oh no.", "Mm-hm.", "That's awful.", "Same.", "Oh, that's hard.", "Bless him."),
        interrupt_starts=("[crosstalk] Sorry, but", "[crosstalk] No, and", "Can I just come in there,",
                          "[crosstalk] That's exactly it,", "Sorry to jump in, but", "[crosstalk] Yes, and"),
        self_repairs=("no, sorry,", "I mean,", "well, not,", "or rather,"),
    ),
    "staff": Voice(
        openers=("I think", "From a practice point of view,", "In my experience,", "Just to build on that,",
                 "I'd agree, and", "Honestly,", "For me,", "The way I see it,", "Speaking for my team,",
                 "I suppose", "I'd say", "If I'm honest,", "Picking up on that,", "It's interesting, because",
                 "Yeah, and", "Where I am,", "Coming from a different angle,"),
        fillers=("you know", "I suppose", "if I'm honest", "to be fair", "sort of", "erm", "um", "I think"),
        tails=("and that's the reality.", "if that makes sense.", "which is the bit that worries me.",
               "and we know that.", "so it's a balance.", "and that's not a criticism of anyone.",
               "and that's what I'd want for my own family.", "which isn't great.",
               "and that's across the service, not just us.", "I think that's fair to say."),
        short=("Yeah.", "Agreed.", "Absolutely.", "Definitely.", "Same in our team.", "Mm.", "That's fair.",
               "Yes, completely.", "Not always.", "It varies.", "Completely.", "Mm-hm.", "Yep.",
               "I'd echo that.", "Same.", "Very much so.", "[laughs] Yes.", "Sometimes.", "Not in my team.",
               "That's true."),
        backchannels=("Mm.", "Yeah.", "Mm-hm.", "Gosh.", "Yes.", "Right.", "That's hard.", "Oof."),
        interrupt_starts=("[crosstalk] Sorry, can I", "[crosstalk] And that's", "Sorry, just quickly,",
                          "[crosstalk] But that's", "Can I pick up on that,", "[crosstalk] Yes, and"),
        self_repairs=("sorry,", "I mean,", "or, well,", "let me put it another way,"),
    ),
}

#: Slots shared by every group; the personal ones are added by the session builder.
SLOTS: dict[str, tuple[str, ...]] = {
    "age": ("nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen"),
    "n_workers": ("four", "five", "six", "seven", "about eight"),
    "wait": ("two weeks", "three weeks", "a month", "six weeks", "nearly two months", "ten days"),
    "when": ("last year", "a couple of years ago", "in the summer", "over Christmas", "back in year eight",
             "when I first came into care", "not that long ago", "last winter"),
    "when_pc": ("last year", "about two years ago", "in the summer holidays", "just before Christmas",
                "when all this started", "back in the spring", "a few months ago"),
    "when_sw": ("last year", "a few months back", "in my first year", "during the pandemic",
                "not long after I qualified", "on a duty week", "earlier this year"),
    "kid": ("son", "daughter", "grandson", "granddaughter", "foster son", "foster daughter", "youngest",
            "eldest", "middle one"),
    "sib": ("little brother", "little sister", "big brother", "big sister", "half brother", "half sister"),
    "placement": ("a foster placement", "a children's home", "my nan's", "a residential place",
                  "supported lodgings", "a new carer's house", "an emergency placement"),
    "meeting": ("the review", "the LAC review", "the core group", "the conference", "the strategy meeting",
                "the CIN meeting", "the school meeting", "the child protection conference"),
    "place": ("McDonald's", "the park", "the cafe near school", "the bowling", "the cinema", "the chippy"),
    "hours": ("two hours", "three hours", "all afternoon", "most of the day", "forty minutes"),
    "caseload": ("twenty-two", "twenty-five", "twenty-eight", "thirty", "eighteen"),
    "years": ("two years", "three years", "four years", "five years", "eighteen months", "six years"),
    "feeling_yp": ("rubbish", "proper annoyed", "like nobody cared", "scared", "embarrassed", "invisible",
                   "really angry", "like a case number"),
    "feeling_pc": ("let down", "judged", "completely on our own", "like we were the problem", "exhausted",
                   "humiliated", "relieved, honestly", "frightened"),
    "feeling_sw": ("awful", "out of my depth", "really uncomfortable", "guilty", "proud of her, actually",
                   "frustrated", "stretched", "that I'd let them down"),
}

#: Extra theme sentences by theme and group; each matches the theme's codebook patterns
#: (``tests/test_synth.py`` checks), with slots filled at build time.
EXTRA: dict[str, dict[str, tuple[str, ...]]] = {
    "relationships": {
        "young_people": (
            "You only open up when you know they're not gonna just disappear.",
            "My worker now, I actually trust her, because she remembers stuff I said weeks ago.",
            "If they're fake you can tell straight away and you don't trust them after that.",
            "Trust is like the main thing, if there's no trust there's nothing.",
            "She took me to {place} and we just talked, that's when the relationship started.",
            "I've got a good relationship with my worker because she doesn't talk down to me.",
            "It took about {wait} before I'd open up to him properly.",
        ),
        "parents_carers": (
            "Trust works both ways, they want us to trust them but they don't trust us.",
            "The relationship with the worker is everything, honestly it is.",
            "Once we had a proper relationship with her, my {kid} started to open up too.",
            "You can't build trust when you see someone once every {wait}.",
            "She was the first one I trusted, because she told me the bad news straight.",
            "There's no relationship when it's a different face at every meeting.",
        ),
        "staff": (
            "The relationship is the intervention, really, everything else sits on top of it.",
            "I'd say it took me {wait} to build any trust with that young person.",
            "Trust goes the first time you cancel a visit, and it takes ages to get back.",
            "You build a relationship in the car, in the little moments, not in the formal visits.",
            "When there's real trust, families tell you the hard stuff early.",
            "Relationship-based practice is in every policy, but the diary doesn't allow for it.",
        ),
    },
    "communication": {
        "young_people": (
            "Just text me, don't ring, I'm not answering a withheld number.",
            "Nobody explained what a care order even was until I was {age}.",
            "They talk in jargon and you just nod because you don't wanna look stupid.",
            "If she texts me back, even just a thumbs up, that's good communication.",
            "They never explain why, they just tell you what's happening.",
            "The letters have words I've never heard, they should explain it in normal words.",
        ),
        "parents_carers": (
            "Just keep us informed, even a quick text saying there's no news.",
            "Nobody explained what the threshold was, we had to look it up ourselves.",
            "The reports were full of jargon, I had to get my sister to explain them.",
            "Communication was the worst part, we found things out from the school first.",
            "If she'd explained it properly at the start we wouldn't have been so defensive.",
            "I sent email after email and nothing came back for {wait}.",
        ),
        "staff": (
            "I try to explain things the way I'd explain them to my own mum.",
            "We're good at communicating with other professionals and worse with families.",
            "Keeping families updated falls off when you've got {caseload} cases.",
            "Half my day is email, and the families get the leftovers.",
            "Communication with teenagers works better by text, but our policy lags behind.",
            "I've started to read reports out loud to families to check the jargon is gone.",
        ),
    },
    "voice": {
        "young_people": (
            "I just want them to listen, not write down what they've already decided.",
            "At {meeting} they asked my opinion at the very end when it was all decided.",
            "My voice doesn't count for nothing, that's what it feels like.",
            "She's the only one who actually listened and then did something about it.",
            "I told them my side and they still went with what my carer said.",
            "They say they want your views but then they don't use them.",
        ),
        "parents_carers": (
            "Nobody listened to my {kid} until he kicked off in school.",
            "We were listened to by the second worker, the first one had made her mind up.",
            "They should hear her voice, not just the professionals around the table.",
            "My view as a parent didn't seem to count for much.",
            "When somebody finally listened, everything calmed down.",
            "They asked for my views and then wrote something completely different.",
        ),
        "staff": (
            "The child's voice gets lost between the referral and the plan.",
            "I try to write the child's view in their own words, even if it's one line.",
            "Listening takes time, and time is the first thing to go.",
            "Wishes and feelings work is often the bit we rush.",
            "We say the voice of the child is central, but it's not always in the room.",
            "Advocates help, because some young people won't give their view to us.",
        ),
    },
    "anger_behaviour": {
        "young_people": (
            "When I'm angry I just need space, not five people talking at me.",
            "They write my behaviour down but never ask what happened before.",
            "I kicked off at {meeting} because they were talking about my mum.",
            "The best worker just waited till I was calm and then asked if I was okay.",
            "Everyone sees the anger, nobody sees why I'm angry.",
            "My behaviour was bad for a bit, I'm not gonna lie, but there was a reason.",
        ),
        "parents_carers": (
            "His behaviour isn't naughtiness, it's fear, and it took them ages to see that.",
            "When she has a meltdown I need someone to help me stay calm too.",
            "They saw the anger and decided we were the problem.",
            "Nobody gave us any strategies for his behaviour at bedtime.",
            "Things got heated and the worker just left, which made it worse.",
            "The anger comes out at home because home is where it's safe.",
        ),
        "staff": (
            "Understanding the behaviour is the job, not managing it.",
            "A lot of the anger we see is grief, honestly.",
            "Carers need support when the behaviour escalates in the evenings.",
            "I've learnt to stay calm and lower my voice, which I wasn't taught at uni.",
            "Reports describe the behaviour but don't always explain it.",
            "When a meeting gets heated I try to slow everything down.",
        ),
    },
    "decisions_managers": {
        "young_people": (
            "They made the decision about contact and nobody asked me.",
            "Her manager said no and I've never even seen her manager.",
            "Why does someone I've never met get to decide where I live?",
            "The panel decided and I only found out from my carer.",
            "I'd like to meet the boss and tell them myself.",
            "Every decision takes ages because it has to go to someone higher up.",
        ),
        "parents_carers": (
            "The decision was made before we walked in the room.",
            "We asked to speak to the manager and were told that's not how it works.",
            "Nobody explained who decides what, it's like a secret.",
            "The panel took {wait} to decide and we were living in limbo.",
            "She had to check every decision with her manager, even small ones.",
            "If the manager came out once, they'd make a different decision.",
        ),
        "staff": (
            "A lot of decisions sit with managers who are further and further from families.",
            "I'd like more say in the decision, I'm the one who knows the family.",
            "Panel can feel like a black box, even for us.",
            "My manager is brilliant, but she's got {caseload} workers' decisions on her desk.",
            "Decision making gets slower the more risk-averse we get.",
            "Newer workers don't always feel confident to challenge a manager's decision.",
        ),
    },
    "turnover": {
        "young_people": (
            "I've had {n_workers} workers, and every time I get used to one they leave.",
            "Another new worker and I have to tell my whole story again.",
            "She left and I only found out when a new worker turned up.",
            "It keeps changing, so why would I bother getting close to them?",
            "My third worker was the best and she left after six months.",
            "When workers change you're starting from scratch every time.",
        ),
        "parents_carers": (
            "We've had {n_workers} workers in {years}, they keep changing, it's ridiculous.",
            "Every new worker wants to read the file and start again.",
            "She left with no goodbye, and my {kid} took that really hard.",
            "The turnover is the thing that does the damage, not any one worker.",
            "I'm not opening up to another new worker, what's the point?",
            "They keep changing and the plan keeps changing with them.",
        ),
        "staff": (
            "Turnover is the biggest problem, and it hits the children first.",
            "People leave because of the workload, not because they don't care.",
            "I've inherited cases where the family had their fifth worker in two years.",
            "When an agency worker leaves there's often no handover at all.",
            "Good supervision is what kept me from leaving in my first year.",
            "The new worker always pays the price for the last one leaving.",
        ),
    },
    "contactability": {
        "young_people": (
            "I can never get hold of her, it goes straight to voicemail.",
            "She answers on her mobile, even if it's just to say she'll ring back.",
            "Out of hours is useless, they don't know who you are.",
            "I rang the office and they said she'd call me back and she never did.",
            "Having her mobile number is the only reason I can get through to her.",
            "If you can't get hold of your worker when stuff kicks off, what's the point?",
        ),
        "parents_carers": (
            "Trying to get hold of anyone after three on a Friday is impossible.",
            "I'd leave a voicemail and wait {wait} for a call back.",
            "When I rang the office nobody answered, or they just took a message.",
            "She gave us her mobile and honestly that changed everything.",
            "Out of hours didn't have any of our history.",
            "Nobody answered, so I ended up ringing the police instead.",
        ),
        "staff": (
            "Families can't get hold of us when we're in court all day.",
            "I answer my mobile in the evening more than I should.",
            "Duty takes messages, but the call back depends on the worker's diary.",
            "Out of hours have no way to see what we agreed in the day.",
            "If I'm on a visit I can't answer, and then they ring the office angry.",
            "We need a better system so families get called back, it shouldn't rely on one person.",
        ),
    },
    "family_plans": {
        "young_people": (
            "My plan is written by them about me, I've never even seen it.",
            "The plan said I'd do boxing and that never happened.",
            "They should make the plan with you, it's your life.",
            "I only found out what was in my plan at {meeting}.",
            "A plan's only good if you actually do what's in it.",
            "My pathway plan has stuff in it I never said.",
        ),
        "parents_carers": (
            "The plan was written before we even sat down.",
            "We had a family group conference and for once it was our plan.",
            "The plan kept changing and nobody told us why.",
            "Planning with the whole family, grandparents and all, made the difference.",
            "I didn't get a copy of the plan for {wait}.",
            "A plan that says 'engage with services' means nothing to me.",
        ),
        "staff": (
            "Plans work when the family recognise themselves in them.",
            "Family group conferences should be the default for planning, not the exception.",
            "I write plans for the court and then have to translate them for the family.",
            "The best plans I've written were done at the kitchen table with the family.",
            "Planning for permanence with birth families is where I want more training.",
            "A plan with twenty actions is not a plan, it's a list.",
        ),
    },
    "online_harms": {
        "young_people": (
            "Everything happens online now, that's where it starts.",
            "Someone made an anonymous account just to post about me.",
            "They screenshot your messages and send them round the group chat.",
            "Workers don't get social media, they think you can just block people.",
            "There's apps they've never heard of that everyone at school uses.",
            "If someone's grooming you it's online first, always.",
        ),
        "parents_carers": (
            "I don't understand half the apps on his phone.",
            "It's the group chat at night that causes all the trouble.",
            "Social media means the bullying follows her home.",
            "Someone sent her an anonymous message and she didn't sleep for a week.",
            "We need help as parents with what happens online, not just a leaflet.",
            "The screenshots were the only evidence we had.",
        ),
        "staff": (
            "I'm not confident with the apps young people use now.",
            "Online risk changes faster than our training does.",
            "Screenshots are often how exploitation first comes to light.",
            "Social media is where a lot of the peer harm happens.",
            "Contextual safeguarding has to include the online world.",
            "We ask about online life in assessments, but not in much depth.",
        ),
    },
}

#: Sentences that carry a turn on after its theme sentence (they need not match a pattern).
ELABORATIONS: dict[str, tuple[str, ...]] = {
    "young_people": (
        "Like, it's not hard.", "That's literally all I want.", "And it happens every time.",
        "I'm not saying all of them are like that.", "Some of them are alright to be fair.",
        "You just get used to it after a while, which is sad really.", "My mate said the same thing.",
        "And then they wonder why you don't talk to them.", "It's not even a big ask.",
        "When I was younger I didn't get it, but now I do.", "I said it at {meeting} and nothing changed.",
        "It makes you feel {feeling_yp}.", "I felt {feeling_yp}, honestly.",
        "It was {when}, I remember it.", "And it's not just me, it's everyone here.",
        "The good ones are the ones who act normal with you.", "I'm not being funny but it's true.",
        "They should ask us more often.", "And then they're shocked when stuff goes wrong.",
        "It's the little things really.", "I wouldn't treat someone like that.",
        "My carer backed me up, to be fair.", "I'm not even that bothered now, I'm just saying.",
        "You remember stuff like that.", "It's different when you're in care, people don't get it.",
        "That's why people don't bother going to their reviews.", "I told my teacher and she was shocked.",
        "Everyone in here has probably had the same.", "I'd rather they were just honest.",
        "I was only a kid, so.", "It's got better since I turned sixteen.",
    ),
    "parents_carers": (
        "And I don't think that's too much to ask.", "It's not rocket science.",
        "We're not the enemy, we want the same thing.", "I've said this to them before.",
        "It was like talking to a brick wall.", "And it's the kids that suffer in the end.",
        "I'm not saying they're bad people, they're just stretched.", "I felt {feeling_pc}.",
        "It made me feel {feeling_pc}, to be honest.", "That was {when_pc}.",
        "And we'd been asking for help for {years}.", "Some of them are brilliant, don't get me wrong.",
        "You shouldn't have to fight for it.", "I've got other children to think about as well.",
        "That's what makes the difference.", "I still think about it now.",
        "And nobody ever said sorry.", "The school were better than they were, if I'm honest.",
        "We had {meeting} and it was all about paperwork.", "And that's with me knowing the system.",
        "My partner says I should let it go, but I can't.", "We'd have worked with them, if they'd asked.",
        "There's a lot of good people in there, I know that.", "I'm only saying what I've seen.",
        "I had to take time off work for every meeting.", "The kids pick up on all of it.",
        "I've told the IRO the same thing.", "We're still waiting, if you can believe it.",
        "I don't blame the worker, it's the system.", "It shouldn't come down to luck.",
    ),
    "staff": (
        "And I don't think that's unique to us.", "That's a real tension in the work.",
        "It comes back to capacity, every time.", "Supervision is where I'd want to think about it.",
        "I'd love some training on that, actually.", "We know what good looks like.",
        "Families notice, they always notice.", "It's something we talk about in team meetings.",
        "I felt {feeling_sw}, to be honest.", "That was {when_sw}.",
        "With {caseload} cases it's just not realistic.", "The research is quite clear on it.",
        "Students pick that up really quickly.", "We did some work on it at the team day.",
        "It's not about blaming anyone.", "It shouldn't depend on which worker you get.",
        "I see it on every duty week.", "The audits pick it up as well.",
        "My practice educator used to say the same thing.", "And it's the recording that suffers.",
        "That's come up in the last two audits.", "Our principal social worker has been pushing on it.",
        "The ASYEs feel it most.", "I'd want reflective supervision to cover it.",
        "It's in the practice model, but practice is another thing.", "Agency staff often haven't had the training.",
        "We've got better at it, I'd say, but slowly.", "The court timescales don't help.",
        "I've seen it go really well and really badly.", "It comes down to time with families.",
    ),
}

#: Openings of a story, by group (the first sentence of a long turn).
SETUPS: dict[str, tuple[str, ...]] = {
    "young_people": (
        "Okay so, {when}, I got moved to {placement}.",
        "So this one time, I think I was about {age}, right.",
        "I'll tell you what happened to me, it was {when}.",
        "So when I first came into care I was {age} and I didn't know anything.",
        "Right, so, my old placement, I was there for {years}.",
        "There was this one time at {meeting}.",
    ),
    "parents_carers": (
        "I'll give you an example, {when_pc}.",
        "So my {kid}, who's {age} now, had a really rough time {when_pc}.",
        "We've been fostering for {years}, and I'll tell you what happened with our last one.",
        "When all of this started, {when_pc}, I didn't know a thing about social services.",
        "Can I tell you about our last review, because it sums it up.",
        "So, there was a night {when_pc} I'll never forget.",
    ),
    "staff": (
        "I'll give you an example from {when_sw}.",
        "There was a family I worked with {when_sw}, mum and three children.",
        "I remember a young person, I won't say who, about {age} at the time.",
        "So I picked up a case {when_sw} that had been through a lot of workers.",
        "Can I tell a story, because I think it shows it.",
        "There's one family that's stuck with me, from {when_sw}.",
    ),
}

#: Events of a story, by theme and group.
EVENTS: dict[str, dict[str, tuple[str, ...]]] = {
    "relationships": {
        "young_people": ("She didn't push, she just kept turning up when she said she would.",
                         "For ages I wouldn't say anything, I'd just sit there on my phone.",
                         "Then one day in the car I just started talking, I don't even know why.",
                         "She remembered my birthday, which nobody else did that year."),
        "parents_carers": ("She sat on the floor with the kids the first time she came, not at the table.",
                           "She rang me after the meeting to see how I was, nobody had done that before.",
                           "She was honest about what she was worried about, and I respected that.",
                           "It took months, but in the end we trusted her."),
        "staff": ("I kept every appointment, even the ten-minute ones, for about three months.",
                  "Mum wouldn't let me in the house at first, we did the visits on the doorstep.",
                  "Eventually it was the young person who asked for me to come back.",
                  "I was honest about what I could and couldn't promise."),
    },
    "communication": {
        "young_people": ("Nobody told me anything, I found out from my carer the night before.",
                         "I got a letter with loads of words I didn't understand.",
                         "I texted her and she replied the same day, which was a first.",
                         "They had a meeting about me and I only heard about it after."),
        "parents_carers": ("The letter came on a Friday afternoon and nobody answered till Monday.",
                           "I had to ask three times what a strategy meeting even was.",
                           "She emailed me the notes that night, in plain English.",
                           "We found out from the school before we heard from them."),
        "staff": ("I realised mum hadn't understood a word of the assessment.",
                  "We rewrote the plan together in her words.",
                  "The other agencies knew more than the family did about what was happening.",
                  "I started texting after every visit with what we'd agreed."),
    },
    "voice": {
        "young_people": ("At the meeting everyone talked over me.",
                         "I said I didn't want to go back there, and they wrote down I was happy.",
                         "My advocate came and for once someone said what I actually meant.",
                         "They asked me at the end, when everything was already decided."),
        "parents_carers": ("My {kid} tried to tell them, but they only listened to the professionals.",
                           "When the new worker asked her directly, it all came out.",
                           "I wrote everything down beforehand because I knew I'd get talked over.",
                           "They quoted the school and the health visitor, but not us."),
        "staff": ("I'd done the wishes and feelings work, but it never made it into the plan.",
                  "She drew me a picture of who she felt safe with, and it changed the assessment.",
                  "The young person asked to chair part of their own review.",
                  "I realised I'd written the report without really listening to him."),
    },
    "anger_behaviour": {
        "young_people": ("I got angry and threw my phone, and then that was all anyone talked about.",
                         "Nobody asked what had happened at school that day.",
                         "My carer just stayed calm and made me a tea, and that actually helped.",
                         "The staff called the police, and I was only upset."),
        "parents_carers": ("He kicked off every night at bedtime for months.",
                           "The worker came on the worst day and wrote it all down.",
                           "We did a course on emotion coaching and it actually helped.",
                           "I was on my own with it at two in the morning."),
        "staff": ("The carers were ready to give notice because of his behaviour.",
                  "When we looked back, every incident was after contact.",
                  "We put a calm plan together with school and the carers.",
                  "Once we understood the anger, the placement held."),
    },
    "decisions_managers": {
        "young_people": ("They decided I was moving and I wasn't even in the room.",
                         "The panel said no and nobody could tell me why.",
                         "She had to ask her manager if I could go on the school trip.",
                         "I found out the decision from a letter."),
        "parents_carers": ("The decision came from a manager we'd never met.",
                           "We waited {wait} for panel to decide on the placement.",
                           "Nobody could tell us who actually made the decision.",
                           "The manager overruled the worker, who'd known us for a year."),
        "staff": ("I'd recommended one thing and the decision went the other way.",
                  "My manager came out with me on a joint visit, and it changed her view.",
                  "We took it to panel three times before it was agreed.",
                  "I had to explain a decision to the family that I didn't agree with."),
    },
    "turnover": {
        "young_people": ("Then she left and I wasn't even told.",
                         "The new worker hadn't read my file, so I had to tell it all again.",
                         "I think that was my fifth worker that year.",
                         "After that I stopped telling them anything."),
        "parents_carers": ("Then she left, and the new worker started the assessment again from scratch.",
                           "We'd had four workers by then, and each one wanted to start over.",
                           "My {kid} asked if it was her fault the worker had left.",
                           "The new worker didn't know any of the history."),
        "staff": ("The previous worker had left with no handover at all.",
                  "The family told me straight away that I was their fourth worker.",
                  "It took me weeks just to read the file properly.",
                  "I knew I'd be leaving too, which made it harder to commit."),
    },
    "contactability": {
        "young_people": ("I rang and rang and it just went to voicemail.",
                         "Out of hours didn't know who I was.",
                         "In the end I got her mobile number and it was different.",
                         "She called me back the next morning, which was fair."),
        "parents_carers": ("I left six messages and nobody called me back.",
                           "When I rang the office, nobody knew who our worker was.",
                           "Out of hours sent someone who'd never heard of us.",
                           "She gave me her mobile after that, and she always answered."),
        "staff": ("I was in court all day and mum couldn't get hold of me.",
                  "Duty took the message, but it didn't reach me till the next day.",
                  "By the time I called back, things had escalated.",
                  "Now I give out my mobile and a time I'll ring back."),
    },
    "family_plans": {
        "young_people": ("The plan said I'd see my brother every week, and it didn't happen.",
                         "Nobody sat down with me to do the plan.",
                         "My pathway plan was just copied from last year.",
                         "When they did the plan with me, it actually worked for once."),
        "parents_carers": ("We had a family group conference and my mum and sister came.",
                           "The plan had twenty things on it and half didn't apply to us.",
                           "Nobody gave us a copy of the plan.",
                           "When the plan was ours, we stuck to it."),
        "staff": ("We did the plan at the kitchen table with the whole network.",
                  "The plan I'd written was for the court, and the family couldn't follow it.",
                  "Grandparents came to the family meeting and took on half the plan.",
                  "We cut the plan down to five things the family chose."),
    },
    "online_harms": {
        "young_people": ("Someone screenshotted a private message and it went round the school.",
                         "There was an anonymous account posting about me.",
                         "The worker told me to just come off social media, like that's possible.",
                         "It all started in a group chat."),
        "parents_carers": ("She was getting messages from anonymous accounts at night.",
                           "I didn't even know the app existed.",
                           "The bullying carried on at home through social media.",
                           "The police wanted screenshots and I didn't know how to take them."),
        "staff": ("The first sign was screenshots a friend showed to a teacher.",
                  "He was being groomed through a gaming app.",
                  "None of us in the meeting knew how the app worked.",
                  "We brought the young people's online life into the safety plan."),
    },
}

#: How a story felt, by group.
FEELINGS: dict[str, tuple[str, ...]] = {
    "young_people": ("I just felt {feeling_yp}.", "It made me feel {feeling_yp}, to be honest.",
                     "And I felt {feeling_yp} for ages after that.", "I didn't say nothing but I felt {feeling_yp}."),
    "parents_carers": ("I felt {feeling_pc}.", "Honestly, I came out of there feeling {feeling_pc}.",
                       "My husband said I looked {feeling_pc}, and I was.",
                       "I was left feeling {feeling_pc}, and I'm not someone who cries."),
    "staff": ("I felt {feeling_sw}, honestly.", "I went home feeling {feeling_sw}.",
              "I remember feeling {feeling_sw} about it.", "And I felt {feeling_sw}, if I'm honest."),
}

#: How a story ends, by group.
REFLECTIONS: dict[str, tuple[str, ...]] = {
    "young_people": ("So yeah, that's why I say what I say.", "It's better now, but it shouldn't take that long.",
                     "And that's why I'm here today really.", "I'm alright now, but still.",
                     "That's why I wanted to come to this."),
    "parents_carers": ("We got there in the end, but it shouldn't have been that hard.",
                       "That's why I said yes to coming today.", "It's better now, touch wood.",
                       "I just don't want another family going through that.",
                       "And that's stayed with me."),
    "staff": ("That's the bit I'd want newer colleagues to take from it.",
              "It really changed how I practise.", "It's stayed with me, that one.",
              "And that's what good looks like, I think.", "It's the reason I'm still in the job, honestly."),
}

#: What the facilitator says, by purpose.
FACILITATION: dict[str, tuple[str, ...]] = {
    "welcome": (
        "Okay, I think everyone's here, so let's make a start.",
        "Right, thanks everyone for coming, shall we get going?",
        "Hi everyone, thanks so much for giving up your time today.",
    ),
    "ground_rules": (
        "Just to go over a few things first. We're recording so that nobody has to take notes, and when "
        "it's typed up any names will be changed. You don't have to answer anything you don't want to, and "
        "you can leave at any time. There are no right or wrong answers, we just want to hear what it's "
        "really like.",
        "Before we start, a couple of things. The recording is only for us to type it up, and names will be "
        "taken out. What's said in the room stays in the room. The only time we'd have to share anything is "
        "if someone told us something that made us worried somebody was at risk of harm. Is everyone okay "
        "with that?",
        "So, some ground rules. One person talking at a time if we can, because the recorder can't cope "
        "otherwise. Phones on silent. If you need a break, just take one. And nothing you say today goes "
        "back to your worker with your name on it.",
    ),
    "round": (
        "Shall we go round and just say a little bit about ourselves? No names needed.",
        "Can we start with a quick round, just how long you've been involved with children's services?",
        "Let's go round the room first, just a sentence or two each.",
    ),
    "transition": (
        "Okay, I'm going to move us on a little bit.", "That's really helpful, thank you. Next thing.",
        "Let's move on, we can always come back to that.", "Right, I'm conscious of time, so.",
        "Thank you, that's really useful. Can I ask about something slightly different?",
        "Okay. I want to pick up on something that came up earlier.",
    ),
    "probe": (
        "Can you say a bit more about that?", "Does anyone feel differently?", "What would have helped?",
        "Thank you. Anyone else?", "How did that feel?", "What would a good worker have done there?",
        "Has anyone had the opposite experience?", "Is that the same for everyone?",
        "When you say that, what do you mean?", "What happened next?",
        "Let's hear from someone who hasn't said much yet.", "And was that explained to you at the time?",
    ),
    "order": (
        "Sorry, one at a time, just so we get everyone on the recording.",
        "Hang on, can we let her finish?", "Let's go one at a time, sorry.",
        "Sorry, I missed that, can you say it again?",
    ),
    "closing_question": (
        "We're nearly out of time. Is there anything we haven't asked you that you want to say?",
        "If you could say one thing to the people who run children's services, what would it be?",
        "Last question. If you could change one thing tomorrow, what would it be?",
    ),
    "thanks": (
        "Thank you, that's really helpful. We'll share what we heard, without anyone's names.",
        "We'll stop there. Thank you all so much for your time and your honesty today.",
        "Thank you all. If anything today has brought stuff up, there's information on the table about "
        "who you can talk to.",
    ),
    "voucher": (
        "Your vouchers are with my colleague on the way out.",
        "Don't forget your voucher and the travel money before you go.",
    ),
}

#: A participant's first turn, in the round of introductions.
INTRODUCTIONS: dict[str, tuple[str, ...]] = {
    "young_people": (
        "I'm {age}, I've been in care since I was {age}.", "I'm {age}, I live in {placement}.",
        "I'm {age}, I've had a social worker on and off for {years}.", "Um, I'm {age}. I'm in year eleven.",
        "I'm {age}, I'm on the children in care council.", "I'm {age}, I'm living with my nan at the minute.",
        "I'm {age} and I've been with my carers for {years}.", "I'm {age}. That's it really. [laughs]",
        "I'm a care leaver, I'm nineteen.", "I'm {age}, I'm at college doing hair and beauty.",
    ),
    "parents_carers": (
        "I'm a foster carer, we've been fostering for {years}.", "I'm mum to three, we've had a social worker for {years}.",
        "I'm a kinship carer, I look after my two grandchildren.", "I'm a dad, we had a child protection plan last year.",
        "I'm an adoptive parent, our two came to us {when_pc}.", "I'm a special guardian for my niece.",
        "I'm a mum, we were with early help and then it went up.", "I foster teenagers, mostly, for {years} now.",
        "I'm a parent, my {kid} is on a child in need plan.", "I'm here for my {kid}, who's {age}.",
    ),
    "staff": (
        "I'm a social worker in the assessment team, about {years} qualified.",
        "I'm a senior practitioner, I've been here {years}.", "I'm an ASYE, so just over six months in.",
        "I'm a family support worker in early help.", "I'm a team manager, I came from another authority {when_sw}.",
        "I'm a practice educator and I still hold a small caseload.", "I work in the fostering team, supervising carers.",
        "I'm in the leaving care team, a personal adviser.", "I'm a social worker in the children in care team.",
        "I'm an independent reviewing officer, so I chair reviews.",
    ),
}

#: Sentences that carry the planted personal data of :mod:`cpdresearch.synth.personal`,
#: by the theme they belong to; ``{child}``, ``{sibling}``, ``{worker}``, ``{title_name}``,
#: ``{school}``, ``{address}``, ``{phone}``, ``{ni}``, ``{email}`` and ``{postcode}`` are
#: filled from the session's cast. A name never opens a sentence.
PLANTS: dict[str, dict[str, tuple[tuple[str, str], ...]]] = {
    "young_people": {
        "child": (("turnover", "My best mate in the home, {child}, had the same worker as me and she left us both."),
                  ("voice", "At the review they listened to {child} and not to me, and I'm the oldest.")),
        "sibling": (("family_plans", "The plan said I'd see {sibling} every week, and it's been a month."),
                    ("anger_behaviour", "I only kicked off because they said I couldn't see {sibling} at Christmas.")),
        "worker": (("relationships", "The one I trust is {worker}, she never gave up on me."),
                   ("turnover", "When {worker} left I didn't talk to anyone for weeks.")),
        "title_name": (("voice", "The only teacher who listened was {title_name}, who'd sit with me at lunch."),
                       ("decisions_managers", "The manager, {title_name}, decided it and I'd never even met them.")),
        "school": (("communication", "They rang me at {school} in the middle of a lesson to explain it."),),
        "address": (("family_plans", "The plan was to move me back to my mum's at {address}."),),
        "phone": (("contactability", "I've still got her old mobile number, {phone}, and it goes straight to voicemail."),),
        "ni": (("communication", "They sent my national insurance letter, {ni}, to the wrong house and nobody explained why."),),
        "email": (("communication", "I emailed {email} and nobody replied for two weeks."),),
        "postcode": (("contactability", "Out of hours sent someone to {postcode} when I'd already moved."),),
    },
    "parents_carers": {
        "child": (("anger_behaviour", "Our {kid}, {child}, has meltdowns after contact, and nobody linked it."),
                  ("voice", "When they finally listened to {child}, it all came out.")),
        "sibling": (("family_plans", "The plan never mentioned {sibling}, who lives with us too."),
                    ("turnover", "My other one, {sibling}, asked why the worker left without saying goodbye.")),
        "worker": (("relationships", "We had a good relationship with {worker}, she was straight with us."),
                   ("contactability", "I could always get hold of {worker}, even on a Friday.")),
        "title_name": (("decisions_managers", "The decision was made by {title_name} at panel, who'd never met us."),
                       ("communication", "The head, {title_name}, explained more to us than social care did.")),
        "school": (("communication", "Nobody at {school} was told, so they kept sending letters home."),),
        "address": (("contactability", "They had us down at {address}, so nobody could get hold of us for weeks."),),
        "phone": (("contactability", "I rang {phone} that many times, and nobody called me back."),),
        "ni": (("communication", "I had to give my NI number, {ni}, three times, because nobody passed it on."),),
        "email": (("communication", "I wrote to {email} every week to keep them informed."),),
        "postcode": (("contactability", "They sent the letter to {postcode}, which isn't even our address."),),
    },
    "staff": {
        "child": (("voice", "I still think about {child}, who told us exactly what would help, and we didn't listen."),
                  ("anger_behaviour", "With a young person like {child}, the behaviour was about loss, not defiance.")),
        "sibling": (("family_plans", "The plan separated him from {sibling}, and I'd question that now."),
                    ("turnover", "The older one, {sibling}, had four workers before turning ten.")),
        "worker": (("turnover", "When {worker} left the team, three of her families had no worker for a month."),
                   ("relationships", "I learnt about building trust from {worker}, watching her on visits.")),
        "title_name": (("decisions_managers", "The manager, {title_name}, was great at explaining panel decisions."),
                       ("voice", "The IRO, {title_name}, made sure the child's view was read out first.")),
        "school": (("communication", "The designated lead at {school} knew more than we did, because nobody emailed."),),
        "address": (("contactability", "The out of hours team went to {address}, which was the old address."),),
        "phone": (("contactability", "The duty mobile, {phone}, sits in a drawer after five and nobody answers."),),
        "ni": (("communication", "The referral had the mum's NI number, {ni}, but no explanation of the concern."),),
        "email": (("communication", "Families email {email} and it sits in a shared inbox for days."),),
        "postcode": (("contactability", "Half the families on my list live out past {postcode}, so I can't get there and back."),),
    },
}

#: The facilitator's main question on each theme, by group (with the questions of
#: :mod:`cpdresearch.synth.text`, which young people and parents are asked too).
QUESTIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "relationships": {
        "young_people": ("Think about a worker you got on with. What made the difference?",
                         "What makes you trust someone, or not trust them?"),
        "parents_carers": ("What helped you build a relationship with your worker, if you did?",
                           "When did you start to trust your worker, if you ever did?"),
        "staff": ("What helps you build trust with a family, and what gets in the way?",
                  "Tell me about a relationship with a child or family that worked."),
    },
    "communication": {
        "young_people": ("How do workers explain things to you? What works?",
                         "How do you like to be kept in the loop?"),
        "parents_carers": ("How well were you kept informed about what was happening?",
                           "Were things explained to you in a way that made sense?"),
        "staff": ("How do you keep families informed when things are moving quickly?",
                  "Where does communication with families break down?"),
    },
    "voice": {
        "young_people": ("Do you feel listened to at your meetings?",
                         "When you say what you want, what happens to it?"),
        "parents_carers": ("Did you feel your children's views were heard? And yours?",
                           "How were your views taken into account?"),
        "staff": ("How do you make sure the child's voice shapes the plan?",
                  "What helps you really listen to a child, and what stops you?"),
    },
    "anger_behaviour": {
        "young_people": ("When you're angry or upset, what do you want a worker to do?",
                         "Do workers understand why young people kick off?"),
        "parents_carers": ("How did workers respond to your child's behaviour?",
                           "What support have you had with anger or behaviour at home?"),
        "staff": ("How confident do you feel understanding a child's anger or behaviour?",
                  "What training has helped you with behaviour that challenges?"),
    },
    "decisions_managers": {
        "young_people": ("Who makes the big decisions about your life, do you think?",
                         "Have you ever met the manager of your worker?"),
        "parents_carers": ("Who made the decisions about your family, and were they explained?",
                           "How did you find dealing with managers or panels?"),
        "staff": ("How are decisions made in your team, and how close are managers to families?",
                  "How confident do you feel presenting a case for a decision at panel?"),
    },
    "turnover": {
        "young_people": ("How many workers have you had? What's it like when they change?",
                         "What should happen when a worker leaves?"),
        "parents_carers": ("Has your worker changed, and what was that like?",
                           "What difference does it make when workers keep changing?"),
        "staff": ("What does turnover look like from where you sit?",
                  "What would help people stay?"),
    },
    "contactability": {
        "young_people": ("If you need your worker, can you get hold of them?",
                         "What happens out of hours, if something goes wrong at night?"),
        "parents_carers": ("How easy is it to get hold of your worker?",
                           "What's your experience of ringing the office or out of hours?"),
        "staff": ("How easy is it for families to get hold of you?",
                  "What gets in the way of returning calls?"),
    },
    "family_plans": {
        "young_people": ("Do you know what's in your plan? Did you help write it?",
                         "What would make a plan feel like yours?"),
        "parents_carers": ("Were you involved in making the plan for your family?",
                           "What makes a plan work in real life?"),
        "staff": ("How do you involve families in planning?",
                  "What makes a plan one that a family can actually follow?"),
    },
    "online_harms": {
        "young_people": ("What do workers need to know about your life online?",
                         "Do workers get social media and apps?"),
        "parents_carers": ("How do you feel about what your children do online?",
                           "What help have you had with apps and social media?"),
        "staff": ("How confident are you talking with young people about online harms?",
                  "What do you need to know about apps and social media that you don't?"),
    },
}

#: What good practice on a theme looks like (a verb phrase after "someone who ...").
GOOD: dict[str, tuple[str, ...]] = {
    "relationships": ("takes the time to get to know you", "keeps their promises", "treats you like a person, not a case",
                      "remembers the little things", "is honest with you even when it's bad news",
                      "sticks with you when things go wrong"),
    "communication": ("explains things in normal words", "texts back, even just to say they're busy",
                      "tells you what's happening before it happens", "writes things down so you can read them later",
                      "checks you've understood", "lets you know when a meeting's been moved"),
    "voice": ("actually listens and then does something with it", "asks what you think before deciding",
              "writes down what you said in your words", "lets you speak for yourself at meetings",
              "takes your side seriously", "asks the quiet ones too"),
    "anger_behaviour": ("asks why you're upset instead of writing it down", "stays calm when it all kicks off",
                        "knows what sets you off and works round it", "doesn't judge you on one bad day",
                        "gives you space and then comes back", "sees the fear behind the anger"),
    "decisions_managers": ("tells you who's making the decision", "fights your corner with the managers",
                           "explains why a decision went the way it did", "brings their manager to meet you",
                           "gets a decision without you waiting for weeks", "lets you go to the meeting where it's decided"),
    "turnover": ("stays long enough to know you", "tells you properly when they're leaving",
                 "hands over to the next worker so you don't start again", "reads the file before they turn up",
                 "introduces the new worker themselves", "says goodbye properly"),
    "contactability": ("picks up the phone", "rings back the same day", "gives you a mobile number that works",
                       "tells out of hours what's going on", "answers a text in the evening", "tells you when they're off"),
    "family_plans": ("writes the plan with you, not for you", "gives you a copy of the plan",
                     "keeps the plan short enough to follow", "brings your family into the planning",
                     "checks the plan's actually happening", "puts things you want in the plan"),
    "online_harms": ("understands the apps young people use", "takes online stuff as seriously as real life",
                     "knows what to do about screenshots", "doesn't just say come off social media",
                     "asks what's going on in the group chat", "keeps up with what's online"),
}

#: What poor practice on a theme looks like (a verb phrase after "when they ...").
BAD: dict[str, tuple[str, ...]] = {
    "relationships": ("turn up with a clipboard and a list of questions", "cancel at the last minute",
                      "act like your friend and then write it all down", "don't bother getting to know you",
                      "promise things they can't do"),
    "communication": ("use words nobody understands", "don't tell you anything until the last minute",
                      "send a letter instead of talking to you", "talk to everyone except you",
                      "never reply to a message"),
    "voice": ("ask your view and then ignore it", "talk about you like you're not in the room",
              "only listen to the professionals", "have already decided before they ask",
              "write down what they wanted you to say"),
    "anger_behaviour": ("just write down that you were angry", "call the police when you're only upset",
                        "judge the whole family on one bad night", "shout back", "label you as aggressive"),
    "decisions_managers": ("say they need to ask their manager", "let a panel decide without meeting you",
                           "make the decision before the meeting", "can't tell you who decided",
                           "leave you waiting weeks for a decision"),
    "turnover": ("leave without saying goodbye", "change your worker every few months", "start the assessment again",
                 "don't read the file before they come", "leave and nobody tells you"),
    "contactability": ("never answer the phone", "let it go to voicemail every time", "don't call back for days",
                       "switch their phone off at four", "give you a number that doesn't work"),
    "family_plans": ("write the plan without you", "fill the plan with things that don't happen",
                     "never give you a copy of the plan", "change the plan without telling you",
                     "make a plan that's all about paperwork"),
    "online_harms": ("think online isn't real life", "tell you to block people and that's it",
                     "have never heard of the apps", "ignore what's in the screenshots",
                     "only talk about online when something's gone wrong"),
}

#: Frames for GOOD (``{good}``) and BAD (``{bad}``) practice, in each group's voice.
FRAMES: dict[str, tuple[str, ...]] = {
    "young_people": (
        "The best worker I had was one who {good}.", "What gets me is when they {bad}.",
        "A good worker is someone who {good}, that's it.", "I hate it when they {bad}.",
        "You need a worker who {good}.", "It's rare to get one who {good}.", "The worst is when they {bad}.",
        "Some of them {bad}, and you just know.", "My worker now is one who {good}.",
        "It's so annoying when they {bad}.", "Why do they {bad}?", "Mine's alright, she's one who {good}.",
        "It's long when they {bad}.", "I just want one who {good}.", "Every review, they {bad}.",
        "Half of them {bad}.", "You can tell the good one, it's the one who {good}.",
    ),
    "parents_carers": (
        "A good worker is one who {good}, simple as that.", "We had one who {good}, and it made all the difference.",
        "What I can't stand is when they {bad}.", "It doesn't help when they {bad}.",
        "All you want is someone who {good}.", "Too many of them {bad}.",
        "Any good worker is one who {good}.", "It really doesn't help when they {bad}.",
        "I'd tell any new worker to be someone who {good}.", "The one we remember is the one who {good}.",
        "Our second worker was someone who {good}.", "It drives me mad when they {bad}.",
        "I've lost count of the times they {bad}.", "You just want a person who {good}.",
        "We felt like a number when they {bad}.", "Our best one was a woman who {good}.",
    ),
    "staff": (
        "Families tell us a good worker is someone who {good}.", "Young people say the worst thing is when workers {bad}.",
        "The best practitioner I ever shadowed was someone who {good}.", "Parents hate it when workers {bad}, and I get why.",
        "Students need to see a worker who {good}.", "Young people notice when workers {bad}.",
        "In supervision I ask whether I've been a worker who {good}.", "It undoes months of work when workers {bad}.",
        "Our care leavers say a good worker is one who {good}.", "Parents say it feels awful when workers {bad}.",
        "Complaints often start when workers {bad}.", "The feedback forms praise a worker who {good}.",
        "We lose families' trust when workers {bad}.", "I'd want my own child to have a worker who {good}.",
        "It's telling that children still say workers {bad}.", "The audits show it works when there's a worker who {good}.",
    ),
}
