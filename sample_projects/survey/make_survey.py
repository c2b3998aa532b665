#!/usr/bin/env python3
"""Generate the fictional staff retention survey used as a qualcode sample project.

Writes, next to this script:
  responses.csv                        300 respondents, closed fields and two open answers
  codebook.json                        the survey codebook (qualcode-codebook format)
  reference_coding_q1_retention.csv    0/1 reference coding for question 1
  reference_coding_q2_support.csv      0/1 reference coding for question 2

Everything is invented. Answers are assembled from a bank of hand-written phrasings;
every phrasing belongs to exactly one code, and the reference coding records which
codes' phrasings went into each answer. Openers, connectors and asides carry no code.

Standard library only; seeded with random.Random(2026), so re-running gives
byte-identical files.
"""

import csv
import json
import os
import random
import re

HERE = os.path.dirname(os.path.abspath(__file__))
N_RESPONDENTS = 300

Q1 = "What would most improve how long staff stay in your service?"
Q2 = "What support from your organisation has helped you most, and what has been missing?"

# ---------------------------------------------------------------------------
# Codebook
# ---------------------------------------------------------------------------
# (key, name, colour, description, inclusion, exclusion, example)

THEMES = [
    {
        "name": "Workload and resourcing",
        "colour": "#4e79a7",
        "description": "How much work staff carry and the people, money and systems available to do it.",
        "inclusion": "Answers about the volume of work, the paperwork around it, the number of staff "
                     "available, how posts are filled and how the service is funded.",
        "exclusion": "Pay and terms of employment (Pay and careers); support from supervisors, "
                     "managers, colleagues or wellbeing services (Support and leadership).",
        "example": "There are simply too many referrals for the people we have, and the money "
                   "never follows the demand.",
        "codes": [
            ("CASE", "Caseload size", "#a0cbe8",
             "The number or complexity of patients or clients an individual holds, and whether "
             "that load is manageable.",
             "Caseload numbers, caps or limits, weighting for complexity or risk, new allocations "
             "on top of a full list, waiting lists spilling onto individual caseloads, being unable "
             "to see people as often as they need.",
             "Paperwork and recording (Administrative burden); gaps in the team, sickness cover or "
             "agency use (Staffing shortages); ring-fenced non-clinical time (Protected time).",
             "Nobody should be care-coordinating fifty people; at that number you are just "
             "managing risk on paper."),
            ("ADMIN", "Administrative burden", "#499894",
             "Time and effort taken up by paperwork, recording, data returns and clumsy IT.",
             "Clinical notes, forms and templates, duplicate recording, audits and target "
             "returns, slow or unreliable record systems, lack of administrative staff, tools "
             "that save typing (dictation, mobile recording).",
             "Money for buildings or equipment (Budgets and funding); training on systems "
             "(Training and development).",
             "I type the same visit into the notes, the risk tool and a spreadsheet for the "
             "commissioners."),
            ("STAFF", "Staffing shortages", "#86bcb6",
             "The team or shift being short of people day to day.",
             "Working below safe numbers, vacancies and the gaps they leave, sickness and leave "
             "not covered, reliance on agency or bank staff, being moved to plug gaps, being "
             "called in on days off, reaching (or not reaching) full establishment.",
             "How posts are advertised, how quickly people are appointed or whether applicants "
             "can be attracted (Recruitment); the size of an individual's own caseload "
             "(Caseload size).",
             "Most Saturdays it's me, one healthcare assistant and two agency nurses who've never "
             "been on the unit."),
            ("RECR", "Recruitment", "#79706e",
             "How the organisation attracts and appoints new staff.",
             "Speed and bureaucracy of hiring (HR, checks, approval to advertise), quality of "
             "adverts, size of the applicant pool, routes in such as apprenticeships, trainee "
             "posts and student placements, attracting people to the area.",
             "The day-to-day effect of being short-staffed (Staffing shortages); salary levels "
             "(Pay).",
             "We shortlisted six people for the band 6 post and only one turned up to interview."),
            ("BUDG", "Budgets and funding", "#bab0ac",
             "Money available to the service as a whole.",
             "Funding levels, cuts and savings targets, short-term or non-recurrent funding, "
             "commissioning, investment in buildings and equipment, control of a team budget.",
             "An individual's salary or expenses (Pay); course fees and study budgets "
             "(Training and development).",
             "Our crisis café was funded for two years as a pilot and nobody knows if it will "
             "exist next April."),
        ],
    },
    {
        "name": "Pay and careers",
        "colour": "#f28e2b",
        "description": "The terms of employment: what staff are paid, how they can progress, how "
                       "flexibly they can work and what they can learn.",
        "inclusion": "Answers about salary and expenses, promotion and career routes, working "
                     "patterns and location, training and professional development.",
        "exclusion": "The amount of work (Workload and resourcing); interpersonal and "
                     "organisational support (Support and leadership).",
        "example": "A better band and a chance to work from home now and then would make a "
                   "big difference.",
        "codes": [
            ("PAY", "Pay", "#ffbe7d",
             "The level of reward for the current role.",
             "Salary, banding or regrading of the current post, pay rises and cost of living, "
             "unpaid extra hours, enhancements for nights and weekends, mileage, parking and "
             "other out-of-pocket costs, one-off payments and premiums, comparison with agency or "
             "other sectors.",
             "A route to a higher post (Career progression); the service budget as a whole "
             "(Budgets and funding).",
             "By the time I've paid to park at the hospital I've lost most of an hour's wages."),
            ("CAREER", "Career progression", "#b6992d",
             "Opportunities to move up, move across or develop a career within the service.",
             "Promotion routes, career ladders, secondments, acting-up, specialist and advanced "
             "practice posts, fairness of promotion, rotating between teams.",
             "Courses, qualifications and skills training (Training and development); the pay "
             "attached to the current post (Pay).",
             "If I want a band 7 I'll have to leave; nobody here has been promoted in years."),
            ("FLEX", "Flexible working", "#f1ce63",
             "Control over when and where people work.",
             "Part-time and compressed hours, home or hybrid working, rotas, shift patterns and "
             "self-rostering, annual leave, term-time contracts, flexibility for carers, phased "
             "retirement.",
             "Time ring-fenced within the week for supervision, reflection or meetings "
             "(Protected time); return-to-work plans after sickness (Wellbeing support).",
             "Give me a rota six weeks ahead and I'll stop looking at jobs in schools."),
            ("TRAIN", "Training and development", "#9d7660",
             "Access to training, courses, qualifications and professional development.",
             "Specialist and therapy training, CPD, funded courses and study leave, induction "
             "and preceptorship, in-house teaching, leadership courses, quality of mandatory "
             "training.",
             "Promotion or new posts (Career progression); supervision of clinical work "
             "(Clinical supervision).",
             "Getting on the family therapy course reminded me why I went into this work."),
        ],
    },
    {
        "name": "Support and leadership",
        "colour": "#59a14f",
        "description": "Support that staff receive from supervisors, managers, colleagues and the "
                       "organisation, and whether they feel valued.",
        "inclusion": "Answers about supervision, ring-fenced time, line managers, wellbeing "
                     "services, colleagues and team culture, recognition and voice.",
        "exclusion": "Pay and terms (Pay and careers); workload and staffing numbers (Workload "
                     "and resourcing).",
        "example": "What keeps me going is a good supervisor and a team that has each other's "
                   "backs.",
        "codes": [
            ("SUPV", "Clinical supervision", "#8cd17d",
             "Access to, and the quality of, clinical or professional supervision.",
             "One-to-one, group or external supervision, reflective practice groups, having (or "
             "not having) a named or consistent supervisor, supervision by one's own profession, "
             "supervision being reflective rather than a checklist, support for supervisors' own "
             "supervision.",
             "Whether time for supervision is ring-fenced or squeezed out (Protected time); "
             "appraisal and general line management (Line management); informal talk with "
             "colleagues (Team and peer support).",
             "My supervisor helps me notice what I'm bringing into the room, which nobody else "
             "does."),
            ("PROT", "Protected time", "#e15759",
             "Time in the working week that is ring-fenced for non-clinical work and actually "
             "kept free.",
             "Protected or ring-fenced time for supervision, supervising others, reflective "
             "practice, team meetings, thinking and planning; job plans with non-clinical time; "
             "such time being cancelled or booked over.",
             "Study leave for courses (Training and development); the quality of supervision "
             "itself (Clinical supervision); where or when the hours are worked (Flexible "
             "working).",
             "The Friday morning slot is meant to be ours, but duty eats it three weeks out of "
             "four."),
            ("LINE", "Line management", "#ff9d9a",
             "The relationship with, and conduct of, the person's own manager.",
             "Approachable, present and fair managers; backing when things go wrong; listening "
             "to concerns; one-to-ones and appraisals; management turnover and interim managers; "
             "micromanagement; support for managers from their own managers.",
             "Senior leadership or the organisation as a whole (Recognition); clinical "
             "supervision given by a manager (Clinical supervision).",
             "When the complaint came in, my manager sat with me and went through it line by "
             "line."),
            ("WELL", "Wellbeing support", "#d37295",
             "Formal provision by the organisation for staff health and wellbeing.",
             "Staff counselling and psychology services, employee assistance lines, occupational "
             "health, debriefs after serious incidents, support after assault, reasonable "
             "adjustments, phased returns after sickness, menopause support, quiet rooms.",
             "Informal support from colleagues (Team and peer support); kindness from one's own "
             "manager (Line management).",
             "The staff psychology service saw me within a week of the incident and that was "
             "what got me back to work."),
            ("TEAM", "Team and peer support", "#b07aa1",
             "Support from colleagues and the culture of the team.",
             "Colleagues looking out for each other, informal debriefing, team spirit, peer "
             "groups and buddies, belonging, cliques, restructuring that breaks teams up, "
             "contact between professions in the team.",
             "Formal organisational services (Wellbeing support); structured supervision "
             "(Clinical supervision).",
             "The nurses on my corridor check in on each other after every difficult call."),
            ("RECOG", "Recognition", "#d4a6c8",
             "Feeling valued and heard by the organisation and its senior leaders.",
             "Thanks and acknowledgement from senior leaders, staff awards, being consulted "
             "before changes, visible leaders who understand front-line work, trust in "
             "professional judgement.",
             "One's own line manager (Line management); pay as a sign of value (Pay).",
             "The director came to our handover once, in eleven years, and asked what we "
             "needed."),
        ],
    },
]

CODE_ORDER = []      # keys in codebook order
CODE_PATH = {}       # key -> "Theme/Code"
for _theme in THEMES:
    for _c in _theme["codes"]:
        CODE_ORDER.append(_c[0])
        CODE_PATH[_c[0]] = _theme["name"] + "/" + _c[1]


def codebook_dict():
    codes = []
    for theme in THEMES:
        children = []
        for _key, name, colour, desc, incl, excl, example in theme["codes"]:
            children.append({
                "name": name, "role": "code", "colour": colour,
                "description": desc, "inclusion": incl, "exclusion": excl,
                "example": example, "children": [],
            })
        codes.append({
            "name": theme["name"], "role": "theme", "colour": theme["colour"],
            "description": theme["description"], "inclusion": theme["inclusion"],
            "exclusion": theme["exclusion"], "example": theme["example"],
            "children": children,
        })
    return {"format": "qualcode-codebook", "version": 1,
            "name": "Staff retention survey", "codes": codes}


# ---------------------------------------------------------------------------
# Phrase bank
# ---------------------------------------------------------------------------
# Each entry is a sentence (or a few) expressing exactly one code.
# An entry may be a tuple (text, roles) where roles is a string of p/s/m
# (practitioner, supervisor, manager) to restrict who can say it.
# Slots: {n} caseload number, {org}/{Org} "the trust" or "the health board",
# {other} "another trust" / "another health board", {y} years in post.

Q1_BANK = {
    "CASE": [
        "Smaller caseloads, full stop.",
        ("A proper cap on caseloads. I'm holding {n} at the moment and it isn't safe or sustainable.", "ps"),
        "Caseloads that are actually manageable, so you can do the job properly instead of firefighting.",
        "People leave because they can't keep up with the number of clients they're given. Cap the numbers and more would stay.",
        "Realistic caseload sizes that take account of how complex people are, not just a headcount.",
        ("When I started I had about twenty people on my list; now it's {n}. Nothing else about the job changed, just the numbers.", "p"),
        "Weighting caseloads properly — someone with three high-risk clients is busier than someone with ten stable ones.",
        "Stop adding new allocations when people are already full. You end up saying yes to everyone and doing nothing well.",
        "Allocation meetings where someone actually looks at what you're holding before giving you more.",
        ("My supervisees are all carrying too many cases and I can see it grinding them down. Lower caseloads would keep them.", "s"),
        ("Caseload numbers in my team are well above what people were told at interview, and that's the main reason they go.", "m"),
        "Less volume. The waiting list feeds straight onto our caseloads and there's no ceiling.",
        "If I could see each person on my caseload as often as they need, I'd stay for ever. At the moment I can't.",
        "Fewer clients per worker so the work is safe.",
        "A maximum caseload that managers are allowed to enforce, rather than a 'guide' everyone ignores.",
        ("I'm on {n} cases. That's the answer to your question really.", "p"),
        "Being allowed to close cases when the work is done, so lists don't just keep growing.",
        "I'd cap caseloads. Right now the number is whatever the waiting list says it is, and the people who are good at the job get given the hardest clients until they can't cope any more.",
    ],
    "ADMIN": [
        "Cut the paperwork. I spend more time typing than seeing people.",
        "Less duplication — we record the same contact in the notes, on a spreadsheet and again for the monthly return.",
        "An electronic record that doesn't crash twice a day and take ten clicks to save a note.",
        "Honestly the admin is what drives me mad. Every new initiative comes with another form.",
        "Admin support for clinicians so we're not spending our evenings on letters and data entry.",
        "Fewer audits and tick-box forms. Half of what we fill in is never read by anyone.",
        "Streamline the recording. A risk assessment shouldn't take longer to write up than the visit itself.",
        "I'd get back hours a week if the systems talked to each other.",
        "Reduce the reporting we do for targets; it's all numbers and tells nobody anything about care.",
        "Bring back team administrators. Since they went, the typing, room booking and chasing letters have all landed on clinical staff.",
        ("Managers like me spend most of the week on returns and spreadsheets rather than being with the team.", "m"),
        "A simpler notes template and a record system that loads in under a minute.",
        "Less bureaucracy all round.",
        "Every time something goes wrong we get a new form to fill in, and no form ever gets retired.",
        "Strip back the recording. I did a home visit last week that lasted forty minutes and then spent over an hour writing it up across three different parts of the system.",
    ],
    "STAFF": [
        "Enough staff on each shift so we're not always running on the bare minimum.",
        "Fill the gaps in the team. We've been two posts down for over a year and everyone is covering.",
        "Less reliance on agency. They're often lovely but they don't know the patients, so the regulars end up doing the work of two.",
        "Proper cover for sickness and leave. When one person is off, the whole team feels it.",
        ("Safe staffing numbers on the ward, particularly nights and weekends.", "ps"),
        "The team is constantly short, so nobody takes a break or leaves on time.",
        "We lose people because we're short, and we're short because we lose people. It's a cycle.",
        "Staffing levels that match the demand we actually see, not what it was five years ago.",
        ("As a manager I spend every morning trying to plug holes in the rota. More permanent staff would change everything.", "m"),
        "Being properly staffed so I don't get phoned on my day off to come in.",
        ("Stop moving staff between wards to fill gaps — it just leaves both places short.", "ps"),
        "A bigger pool of our own bank staff rather than whoever the agency sends.",
        "More hands on deck. It's that simple.",
        ("Staff the shifts properly. On a bad night there are two registered nurses for twenty-odd patients, one of them agency, and you spend the whole shift waiting for something to go wrong.", "ps"),
    ],
    "RECR": [
        ("Speed up recruitment. It took five months to get my last post from advert to start date.", "m"),
        "HR processes that don't lose good candidates. We interview someone great and they've taken another job before the checks come back.",
        "Better routes in: apprenticeships, trainee posts, growing our own staff locally.",
        "Advertise posts properly and make them sound attractive. Our adverts read like a list of tasks.",
        ("Let managers recruit without three layers of approval before a replacement post can even be advertised.", "m"),
        "Make the area attractive to applicants from outside: help with relocation, a proper welcome, that kind of thing.",
        "Take more students on placement and actually offer them jobs at the end. We train them and then {other} snaps them up.",
        "Rolling adverts so we can recruit all year round instead of waiting for the next round.",
        ("Recruitment is the big one for me. We get two applicants for a post where we used to get twenty.", "m"),
        "Let teams run their own recruitment locally — the central team don't understand what we're looking for.",
        "Quicker DBS checks and references. New starters are waiting weeks before they can start.",
        ("Recruiting newly qualified staff straight from the local university, rather than hoping they apply.", "sm"),
    ],
    "BUDG": [
        "Proper funding for the service. We're asked to do more every year with the same money.",
        "Stop the short-term funding. Posts funded for twelve months mean people start job hunting after nine.",
        ("Recurrent budgets so I can plan the team for longer than one financial year.", "m"),
        "Investment in the building. Our clinic rooms are damp and there's nowhere private to see people.",
        "An end to the annual savings targets. Every year something has to be cut and it's always the things that made the place bearable.",
        "A budget that reflects demand. The local population has grown and we're funded at the level of a decade ago.",
        "Money for the basics — phones that work, enough desks, pool cars that aren't falling apart.",
        "Mental health money that actually reaches front-line teams rather than disappearing higher up.",
        ("As a service manager I'd say funding. Everything else follows from that.", "m"),
        "Fund the service properly so we can offer more than the bare minimum.",
        "Commissioners need to pay for what they ask us to deliver.",
        ("Some control over my own budget, even a small one, so I'm not asking permission for a box of tissues.", "m"),
    ],
    "PAY": [
        "Better pay. Simple as that.",
        "Pay that reflects the risk and responsibility we carry. I could earn more stacking shelves with half the stress.",
        "A decent pay rise that keeps up with the cost of living. My rent has gone up far more than my salary.",
        ("Reband the role. Band 5 for what we do on this team is a joke.", "p"),
        "Pay mileage at a rate that covers petrol. I'm effectively paying to do home visits.",
        "Pay us for the extra hours. Nobody here finishes on time and none of it is paid.",
        "Agency staff earn nearly double our hourly rate for the same shift. Close that gap and people would stay.",
        "Money. Friends in other sectors with the same qualifications are on a lot more.",
        "Honestly, pay. I love the work but I can't afford to stay on this salary with two kids.",
        "A pay structure that rewards experience; at the top of the band there's nothing more to earn.",
        "Help with parking and travel costs would be a start. We pay to park at work!",
        "Pay comparable with similar roles in the council and the private sector.",
        "Better rates for nights and weekends — at the moment they're not worth it.",
        "A salary you can actually live on in this part of the country.",
        ("Pay, without a doubt. I'm a qualified nurse with years of experience and I pick up bank shifts at weekends just to cover the bills. That isn't sustainable and it's why friends of mine have gone to agency work.", "p"),
    ],
    "CAREER": [
        "A clear career pathway. At the moment there's nowhere to go after band 6 unless you go into management.",
        "Opportunities to progress without leaving: secondments, acting-up, specialist posts.",
        "Advanced practice roles for people who want to stay clinical rather than manage.",
        "Promotions advertised openly rather than going to whoever was already lined up.",
        "People leave to get promoted elsewhere, then come back a band higher. Give them the step up here.",
        "Development posts so junior staff can see a future in the service.",
        ("Support for people wanting to move up into senior or leadership roles.", "p"),
        ("I've been a supervisor for six years with no route up. Something like a consultant practitioner post would keep me.", "s"),
        "A proper ladder for support workers, so there's a next step that isn't leaving.",
        "Let experienced staff rotate into different teams for a while so they don't stagnate.",
        "Some kind of progression for people who've been here a long time and are stuck at the same level.",
    ],
    "FLEX": [
        "Flexible working. Let people work around childcare without making it a battle.",
        "Hybrid working for the parts of the job that don't need us in the office, like calls and meetings.",
        "Self-rostering, or at least getting the rota more than two weeks ahead.",
        "Say yes to part-time requests. We lost two experienced nurses last year because they asked to drop a day and were told no.",
        "Compressed hours — four longer days would suit a lot of us.",
        ("More choice over shift patterns. Nobody should have to do a late followed by an early.", "ps"),
        "Being able to book annual leave when you actually want it, rather than whatever's left.",
        "Term-time contracts for parents. We'd keep people who otherwise leave to work in schools.",
        "Trust people to manage their own diaries. If the work gets done, it shouldn't matter whether I start at 8 or 10.",
        "Flexibility for carers. I look after my mum and a fixed 9 to 5 is hard.",
        ("As a manager I'd like the freedom to agree flexible arrangements without sending them to a panel.", "m"),
        "Phased retirement so older staff can reduce their hours instead of leaving outright.",
        "Flexibility around childcare. I asked to start at half nine two days a week so I could do the school run, and it took four months, two meetings and an appeal to get a yes.",
    ],
    "TRAIN": [
        "More training. Proper courses, not just the mandatory e-learning.",
        "Funding for specialist training like DBT or family work, which keeps the job interesting.",
        "Study leave that's actually agreed, and help with course fees.",
        ("A decent preceptorship for newly qualified staff. The first year is where we lose most of them.", "sm"),
        ("Keep developing people. I stayed because I was put through my CBT diploma, and others would too.", "ps"),
        "Face-to-face training rather than endless online modules.",
        "Regular CPD, even a few days a year, makes you feel you're growing rather than treading water.",
        ("Leadership training for new supervisors and team leads. Most of us were handed the role and left to it.", "sm"),
        "A proper induction. New starters are given a login and a desk and that's it.",
        "Access to conferences and courses outside the organisation now and then.",
        "In-house workshops on things we actually see: self-harm, eating disorders, autism.",
    ],
    "SUPV": [
        "Good quality clinical supervision from someone who understands the work.",
        "Regular supervision that's reflective, not just a checklist of tasks.",
        "Group supervision or reflective practice so we can process the difficult stuff together.",
        "Access to external supervision for those who want it.",
        "Supervision from someone in my own profession. At the moment I'm supervised by someone from a completely different background.",
        "Every new starter should have a named supervisor from day one.",
        "Decent supervision. It's the thing that keeps you safe in this job.",
        "Supervisors with enough experience of this kind of work to actually help.",
        "Consistent supervision. I've had four different supervisors in two years.",
        ("As a supervisor I'd like proper supervision of my own, somewhere to take the hardest cases.", "s"),
    ],
    "PROT": [
        "Protected time for supervision that doesn't get swallowed by duty.",
        "Ring-fenced time in the week for reflection and catching up, that nobody is allowed to book over.",
        "Protect the team meeting and supervision slots. They're the first things to go when it's busy.",
        "Proper job plans with protected non-clinical time, and actually honoured.",
        "An afternoon a week with no clinical contacts so we can think.",
        ("I supervise five people and I'm expected to fit it around a full clinical diary. Give supervisors protected time to supervise.", "s"),
        "Time to think. Everything is back to back and the protected slots always get filled.",
        ("Stop cancelling reflective practice whenever the ward is busy — protect it.", "ps"),
        "Protected time for the team to meet and plan, instead of snatching five minutes in the corridor.",
        ("Ring-fence time for supervisors to prepare and follow up, not just the hour itself.", "s"),
        "If supervision time was genuinely protected, I think people would feel held enough to stay.",
    ],
    "LINE": [
        "Managers who listen and have your back when things go wrong.",
        "Consistent management. We've had five team managers in three years and each one changes everything.",
        "A manager who is around and approachable, not stuck in meetings all day.",
        "Fair treatment from managers, with the same rules for everyone.",
        "Better support from line managers when you raise concerns, instead of being made to feel you're the problem.",
        ("Appraisals that mean something. Mine is a rushed twenty minutes once a year.", "ps"),
        "Managers who know the job. Ours has never done front-line work and it shows.",
        "Good line management makes or breaks it. When I had a good manager I'd never have thought of leaving.",
        ("Support for managers too. I'm expected to hold everyone together with nobody checking in on me.", "m"),
        "Managers who deal with problems early rather than letting them fester.",
        "Less micromanagement. Trust us to do our jobs.",
        ("A line manager who is actually there. Ours covers three teams, so you might get ten minutes a month, and when something goes badly wrong you're on your own.", "ps"),
    ],
    "WELL": [
        "Real wellbeing support, not yoga emails. Quick access to counselling when you need it.",
        "Debriefs after serious incidents. After a patient died last year nobody checked on us.",
        "Occupational health that responds in days, not months.",
        "Take staff burnout seriously. A confidential psychology service for staff would help.",
        ("Better support after being assaulted at work. The process afterwards was worse than the incident.", "p"),
        "Reasonable adjustments put in place quickly and without a fight.",
        "A proper return-to-work plan after sickness, with a phased return that's honoured.",
        "A quiet room on site where you can go after a hard shift.",
        "Trauma support for staff. We see a lot and we carry it home.",
        "Better menopause support. A few simple adjustments would keep experienced women in work.",
        "Wellbeing checks that happen for real, not a survey once a year.",
        ("Proper support after incidents. I was punched on shift in the spring and the only follow-up was an email with a helpline number. A call from occupational health would have meant a lot.", "ps"),
    ],
    "TEAM": [
        "A close team where people look out for each other.",
        "A team day once a year and the odd lunch together.",
        "A culture where you can say you're struggling without being judged by colleagues.",
        "Peer support groups for staff in similar roles across the area.",
        "Decent colleagues are what keep people. Look after the team culture.",
        "Stop the cliques. New staff leave when they don't feel part of the team.",
        "A buddy system for new starters so they have someone to go to.",
        "Getting the different professions in the team to actually talk to each other.",
        "A bit more kindness between colleagues; everyone is stretched and it comes out sideways.",
        "Keep good teams together instead of restructuring them every few years.",
    ],
    "RECOG": [
        "Feeling valued. A thank you from senior leadership now and again would go a long way.",
        "Being listened to when changes are made. We're consulted after the decision has already been taken.",
        "Senior managers who come out and see what the job is like.",
        "Recognition for the staff who've been here years and hold it all together.",
        "Acknowledge the work. We only hear from the top when something goes wrong.",
        "A say in how the service is run. The people doing the work know what would help.",
        "Drop the pizza-and-badge approach and show real respect for what we do.",
        "Knowing the board actually cares about front-line staff and not just the figures.",
        "Staff awards are nice, but what I'd like is for my professional judgement to be trusted.",
        "Feeling that {org} sees us as people rather than units of activity.",
        "Feeling that the people at the top understand what we do. The last change to the referral pathway was designed without asking a single front-line worker, and it showed.",
    ],
}

# Short noun phrases for list-style and one-line answers.
Q1_NP = {
    "CASE": ["smaller caseloads", "caseload caps", "manageable caseloads", "lower caseloads",
             "fewer clients each", "realistic caseload numbers"],
    "ADMIN": ["less paperwork", "less admin", "better IT systems", "admin support",
              "less duplicate recording", "fewer forms"],
    "STAFF": ["more staff", "safe staffing levels", "less reliance on agency", "proper sickness cover",
              "enough people on shift"],
    "RECR": ["faster recruitment", "quicker HR processes", "better recruitment",
             "more apprenticeships", "recruiting from the local university"],
    "BUDG": ["proper funding", "a realistic budget", "recurrent funding", "investment in the service",
             "fewer cuts"],
    "PAY": ["better pay", "a pay rise", "higher banding", "decent mileage rates", "paid overtime",
            "fair pay", "pay"],
    "CAREER": ["a clear career pathway", "progression opportunities", "secondments",
               "routes into senior clinical roles", "promotion prospects"],
    "FLEX": ["flexible working", "home working", "better rotas", "part-time options",
             "more say over shifts", "compressed hours"],
    "TRAIN": ["more training", "CPD", "funded courses", "study leave", "a proper induction",
              "specialist training"],
    "SUPV": ["good supervision", "regular clinical supervision", "reflective practice groups",
             "a consistent supervisor"],
    "PROT": ["protected time", "ring-fenced supervision time", "protected time for reflection",
             "time to think"],
    "LINE": ["better managers", "supportive line management", "consistent management",
             "managers who listen", "fair managers"],
    "WELL": ["wellbeing support", "staff counselling", "post-incident debriefs",
             "faster occupational health", "support after incidents"],
    "TEAM": ["a supportive team", "peer support", "a better team culture", "a buddy system"],
    "RECOG": ["feeling valued", "being listened to", "recognition", "a voice in decisions",
              "visible senior leaders"],
}

# Question 2: what helped (H) and what was missing (M).
Q2_HELP = {
    "CASE": [
        "The caseload cap our team brought in last year has helped more than anything.",
        ("Having a smaller, specialist caseload has let me do the job properly.", "ps"),
        "The quarterly caseload review stops the numbers creeping up.",
        ("A reduced caseload in my first six months helped me find my feet.", "p"),
        "Being able to hand over some of my cases when the list got too big.",
    ],
    "ADMIN": [
        "Our team administrator is a lifesaver. She does letters and bookings so we don't have to.",
        "The new dictation software has cut my typing time in half.",
        "Being able to write up notes on a tablet between visits instead of driving back to base has saved hours.",
        "Simplifying the assessment form last year was genuinely helpful.",
        "Getting rid of the duplicate spreadsheet we used to keep alongside the notes.",
    ],
    "STAFF": [
        ("Having a regular bank nurse who knows the ward has helped a lot.", "ps"),
        "When we finally got to full establishment last spring the whole team relaxed.",
        "Having a float worker to cover sickness made a real difference.",
        ("Being fully staffed for once this year. It meant I could actually lead rather than fill gaps.", "m"),
    ],
    "RECR": [
        ("The fast-track recruitment day last year got four people into post within weeks.", "m"),
        "The apprenticeship scheme has brought in some great people.",
        "Being allowed to offer jobs to our own students straight after their placement.",
        ("HR finally gave us a named recruitment adviser, which has sped everything up.", "m"),
    ],
    "BUDG": [
        "The new investment in our service paid for a proper clinic room and decent equipment.",
        "Some of the transformation money actually reached our team, which helped.",
        ("Having a small discretionary budget to spend on the team has been really useful.", "m"),
        "Recurrent funding for the crisis line finally came through, so we're not on twelve-month money any more.",
    ],
    "PAY": [
        "The cost of living payment helped, even though it was small.",
        ("Being regraded to band 6 last year made a difference to whether I stay.", "p"),
        "The recruitment and retention premium in our area has helped.",
        "Getting paid properly for the extra shifts I pick up.",
    ],
    "CAREER": [
        "A secondment into the liaison team gave me a new lease of life.",
        "Acting up into the team lead role for six months gave me a sense of where I could go.",
        "The new advanced practitioner posts have given people something to aim for.",
        ("Being given the chance to move into a supervisor post after five years.", "s"),
        "Rotating between teams early in my career helped me work out what I wanted.",
    ],
    "FLEX": [
        "Flexible working has been the biggest thing for me. I start early and finish in time for school pick-up.",
        "Working from home one day a week.",
        "Compressed hours. Four long days suits my family far better.",
        ("The self-rostering pilot on our ward has been brilliant.", "ps"),
        "They agreed my request to go part-time without any fuss.",
        "Being able to swap shifts easily when life gets in the way.",
        "Term-time working, which I didn't think the NHS did until I asked.",
        "Being allowed to change my hours when my dad got ill. It was sorted within a fortnight and I didn't have to give up the job.",
    ],
    "TRAIN": [
        "{Org} funded my CBT training, which has made me a better clinician.",
        "The DBT course was excellent and actually relevant to the work.",
        "Study days for my master's. Rare, but it happened.",
        ("The preceptorship programme in my first year was really good.", "p"),
        "The in-house teaching sessions on Wednesday lunchtimes are good.",
        ("The leadership course I did when I stepped up was worth every minute.", "sm"),
        "Being sent on the trauma-informed care training, which changed how I work.",
        ("{Org} paid for my postgraduate certificate and gave me study days to do it. It's made me more confident and, honestly, it's a big part of why I haven't left.", "ps"),
    ],
    "SUPV": [
        "Clinical supervision, by a mile. My supervisor is thoughtful and it's the one hour I really get to think.",
        "Monthly group supervision with the psychologist has been invaluable.",
        "Having an external supervisor, which I pushed for, has been the best support.",
        "Reflective practice groups after difficult cases.",
        "Good supervision from a senior nurse who's seen it all.",
        ("My own supervision as a supervisor, which I value more than I expected.", "s"),
        "A supervisor who asks how I am, not just what I've done.",
        "Supervision from someone in my own profession, finally.",
        "My supervisor has been the one constant through three reorganisations. She knows my work, she challenges me, and she notices when I'm not myself before I do.",
    ],
    "PROT": [
        "Our protected Thursday afternoons, when nobody can book clinics, are gold.",
        "When my supervision time was ring-fenced in the job plan, it actually happened.",
        "The weekly team meeting being protected, whatever else is going on.",
        ("Having time written into my job plan for supervising others.", "s"),
        "A protected hour at the end of each day to catch up and think.",
    ],
    "LINE": [
        "My line manager is fantastic. She checks in, listens and backs me up.",
        "A manager who lets me get on with it but is there when I need her.",
        "My manager's open door. I can always take things to him.",
        "Having a manager who fought my corner during a complaint.",
        "Regular one-to-ones with my team manager keep me going.",
        "My service manager has been supportive, even when the pressure is on.",
        ("My own manager trusts me to run the team my way, which I appreciate.", "m"),
        "My current manager is the first in years who actually replies to emails. When I said I was struggling she didn't turn it into a performance issue, she just asked what would help.",
    ],
    "WELL": [
        "The staff counselling service was quick and genuinely helpful when I was struggling.",
        "Occupational health sorted my adjustments quickly after my operation.",
        "The debrief after the serious incident on the ward was well done.",
        "The employee assistance line got me through a rough patch at home.",
        "The menopause support group is brilliant.",
        "My phased return after sick leave was handled really well.",
        "The staff psychology service, which I only found out about by chance.",
        ("After I was hurt on the ward, the staff support service rang me the next day and I had six sessions with a psychologist. I wouldn't have come back without it.", "ps"),
    ],
    "TEAM": [
        "My colleagues. Honestly they're the only reason I'm still here.",
        "The team. We look out for each other.",
        "Informal debriefs with colleagues at the end of a hard day.",
        ("A peer group for newly qualified staff across the county.", "p"),
        "The team group chat. Sounds daft but it keeps everyone going.",
        "Team lunches, laughing together. It sounds small but it isn't.",
        ("Support from the other supervisors; we meet up informally and share the load.", "s"),
        ("The other managers in the directorate, informally.", "m"),
        "It sounds clichéd, but my colleagues.",
        "Coffee in the hospital café with colleagues after a bad morning.",
        "The people I work with. When a patient I'd known for years died, it was my colleagues who sat with me, made the tea and covered my visits without being asked.",
    ],
    "RECOG": [
        "The chief exec visited our team and actually listened. It meant a lot.",
        "Being nominated for a staff award gave me a lift.",
        "Being asked for our views on the new model of care before it was decided.",
        "A handwritten thank you from the director after a really hard winter.",
    ],
}

Q2_MISS = {
    "CASE": [
        "Nothing has been done about caseload size, which is what actually wears you down.",
        "Any sense that caseloads have a limit. They just grow.",
        "There's no weighting of caseloads, so complex clients count the same as simple ones.",
        ("Nobody looks at the numbers we carry. I'm on {n}.", "p"),
        "A realistic caseload. No amount of support makes {n} people manageable.",
        ("Anything about caseloads. I raised mine when it hit {n} and was told everyone is in the same boat, which is exactly the problem.", "p"),
    ],
    "ADMIN": [
        "Admin support. We do all our own typing, scanning and chasing.",
        "The paperwork keeps growing and nobody seems to question it.",
        "The record system is painfully slow and eats time we don't have.",
        "Duplicate recording on two systems, which nobody has sorted in years.",
        "Every audit brings another form and no form ever gets taken away.",
        "IT that works. I lose twenty minutes most mornings just logging in.",
        "Somebody looking at how much of our week goes on recording. I timed it once and it was nearly half my hours.",
    ],
    "STAFF": [
        "Enough staff. We're always short and there's only so much any support offer can do.",
        "Cover for sickness. There's none, we just absorb it.",
        ("Safe staffing on nights has been missing for as long as I've been here.", "ps"),
        "Too many agency shifts; the permanent staff carry the load.",
        "People. We've had three vacancies for most of the year.",
        "Backfill. When someone is off, their work is just shared out.",
        "Enough people on the rota. Most weeks someone is off sick and nobody is brought in, so we spread ourselves thinner.",
    ],
    "RECR": [
        ("Real help with recruitment. I spend hours on adverts and shortlisting with no HR support.", "m"),
        "HR are so slow that we lose candidates.",
        "A recruitment plan. We advertise the same post over and over and get nobody.",
        "Help attracting applicants to rural areas.",
        ("Any say in how posts are advertised; the adverts are generic and put people off.", "sm"),
    ],
    "BUDG": [
        "Money. Every good idea dies at 'there's no budget'.",
        "Recurrent funding. We're always on twelve-month money.",
        "Investment in the buildings. Our base is falling apart.",
        "The savings targets undo whatever support there is.",
        ("Any control over my own budget.", "m"),
    ],
    "PAY": [
        "Pay that reflects the job.",
        "Fair mileage rates. I'm out of pocket every month.",
        "Any payment for the extra hours we all put in.",
        "A pay rise worth the name.",
        "Help with parking costs, which come straight out of our wages.",
    ],
    "CAREER": [
        "A career path. I've been at the top of my band for years with nowhere to go.",
        "Progression for people who want to stay clinical.",
        "Any kind of succession planning; people either get spotted or they don't.",
        "Opportunities to move between teams without resigning and reapplying.",
        ("A next step for supervisors who don't want to become managers.", "s"),
        ("I've applied for three band 7 posts internally. Each time the feedback was 'nearly', and each time nobody talked to me about how to get there.", "ps"),
    ],
    "FLEX": [
        "Flexibility. Requests get turned down on principle.",
        "The rota comes out so late it's impossible to plan anything.",
        "Home working was taken away after covid for no obvious reason.",
        "Annual leave is a fight every year.",
        "Any give on hours for carers.",
    ],
    "TRAIN": [
        "Training beyond the mandatory e-learning.",
        "Money for courses has dried up completely.",
        ("Leadership training for people who've just stepped up.", "sm"),
        "Any proper induction.",
        "Study leave. It gets approved and then cancelled.",
        "Specialist training. We're expected to deliver therapies nobody has trained us in.",
    ],
    "SUPV": [
        "Supervision that's about me as a clinician, not just a list of tasks.",
        "I've had no regular supervisor since mine left.",
        "Supervision is a tick-box exercise.",
        "Access to supervision from my own profession.",
        "Group supervision. We used to have it and it quietly disappeared.",
    ],
    "PROT": [
        "Protected time. Supervision and reflection get squeezed out every single week.",
        "Time to think. There's no slack anywhere in the diary.",
        ("Nobody protects the time for supervising others — I fit it in at lunch.", "s"),
        "Ring-fenced time for reflective practice; ours was cancelled four times this year.",
        ("Time in my job plan for supervising others.", "s"),
        "Any protected time at all. The team meeting gets cancelled whenever it's busy.",
        "We're told supervision and reflective practice are protected, but they're the first thing to go when duty gets busy. I can't remember the last month when all of mine went ahead.",
    ],
    "LINE": [
        "Management that listens. Concerns go up and nothing comes back.",
        "Consistency. We've had a run of interim managers.",
        ("Support for me as a manager from the people above me.", "m"),
        "My manager is never around.",
        "A manager who deals with things rather than avoiding them.",
    ],
    "WELL": [
        "Wellbeing support is all posters and webinars. Nothing practical.",
        "Occupational health takes months.",
        "Debriefs after incidents. They just don't happen.",
        "Somewhere to go after a bad shift.",
        "Psychological support for staff, properly resourced.",
        "Support after I was assaulted. I had to chase everything myself.",
        "There's a wellbeing page on the intranet with breathing exercises and a list of phone numbers. When I actually needed help after an incident, nobody could tell me who to call.",
    ],
    "TEAM": [
        "The team has been restructured so often there's no sense of belonging.",
        "A team culture where it's safe to say you're not coping.",
        "Contact with colleagues since we went to hot desking.",
        "Peer support. Everyone is too busy to look up.",
    ],
    "RECOG": [
        "Recognition. We only hear from the top when there's a complaint.",
        "Any sense that the organisation values us.",
        "Senior leaders who know what the job involves.",
        "A real voice in decisions about the service.",
        "Thanks. Just occasionally.",
        "Being consulted before changes, not after.",
        "Senior leaders send round emails thanking 'our amazing staff', but the decisions they make suggest otherwise. I'd rather they asked us before changing things.",
    ],
}

Q2_NP_HELP = {
    "ADMIN": ["our admin team", "dictation software"],
    "STAFF": ["a float worker", "regular bank staff"],
    "CAREER": ["my secondment", "acting up"],
    "FLEX": ["flexible hours", "home working", "part-time hours", "self-rostering"],
    "TRAIN": ["training", "funded courses", "the preceptorship", "CPD"],
    "SUPV": ["supervision", "clinical supervision", "reflective practice", "group supervision"],
    "PROT": ["protected time"],
    "LINE": ["my line manager", "a supportive manager", "my manager"],
    "WELL": ["staff counselling", "occupational health", "incident debriefs", "the EAP"],
    "TEAM": ["my team", "colleagues", "peer support", "the team"],
    "RECOG": ["being recognised"],
}
Q2_NP_MISS = {
    "CASE": ["caseload limits", "a cap on caseloads"],
    "ADMIN": ["admin support", "less paperwork", "working IT"],
    "STAFF": ["enough staff", "sickness cover", "safe staffing"],
    "RECR": ["faster recruitment"],
    "BUDG": ["funding", "a proper budget"],
    "PAY": ["fair pay", "decent mileage", "paid overtime"],
    "CAREER": ["a career path", "progression"],
    "FLEX": ["flexible working", "a predictable rota"],
    "TRAIN": ["training", "CPD"],
    "SUPV": ["proper supervision", "regular supervision"],
    "PROT": ["protected time", "time to reflect", "ring-fenced time"],
    "LINE": ["consistent management", "a manager who listens"],
    "WELL": ["wellbeing support", "debriefs", "psychological support for staff"],
    "TEAM": ["team spirit", "peer support"],
    "RECOG": ["recognition", "feeling valued", "being listened to"],
}

# Probability that a code chosen for Q2 is reported as something that helped.
Q2_P_HELP = {"CASE": .2, "ADMIN": .3, "STAFF": .15, "RECR": .25, "BUDG": .2, "PAY": .2,
             "CAREER": .4, "FLEX": .6, "TRAIN": .55, "SUPV": .7, "PROT": .25, "LINE": .65,
             "WELL": .5, "TEAM": .8, "RECOG": .3}

# ---------------------------------------------------------------------------
# Code-free material: openers, connectors, asides, non-answers
# ---------------------------------------------------------------------------
Q1_OPEN_PREFIX = ["Honestly, ", "For me, ", "If I'm honest, ", "Realistically, ", "Speaking for myself, ",
                  "In my view, ", "Number one: ", "Top of the list: "]
Q1_OPEN_SENT = ["Where to start.", "Good question.", "Easy one.", "This could be a long list!",
                "I've thought about this a lot.", "Hmm.", "Lots of things, but mainly these."]
Q1_OPEN_MULTI = ["A couple of things.", "A few things really.", "More than one thing, sorry."]
CONNECT = ["Also, ", "And ", "On top of that, ", "Plus ", "Another thing: ", "Apart from that, ",
           "Beyond that, ", "As well as that, ", "Oh and ", "Something else: ", "Separately, ",
           "", "", "", "", "", "", "", "", "", ""]
CONNECT_LAST = ["Finally, ", "Lastly, ", "And last of all, "]
Q2_HELP_INTRO = ["What's helped most: ", "Most helpful: ", "Helped: ", "The biggest help has been this. ",
                 "Honestly, ", "Good things first. ", "", "", ""]
Q2_MISS_INTRO = ["What's been missing: ", "Missing: ", "Missing - ", "But missing: ", "Still missing: ",
                 "What's missing? ", "The gap for me: ", "Where it falls down: ", "Not there yet: "]
Q2_NOTHING_HELPED = ["Honestly, not much has helped.", "Hard to think of anything that's really helped.",
                     "Very little, if I'm honest.", "Not a lot has helped, to be fair.",
                     "Can't say the organisation has done much for me."]
Q2_NOTHING_MISSING = ["Can't think of anything missing really.", "Not much missing from my point of view.",
                      "Nothing obvious missing.", "I'm fairly well supported on the whole."]
ASIDES = [
    ("I've been here {y} years and I still like the job itself.", "y>=3"),
    ("I've been in post {y} years and I've seen a lot of good people go.", "y>=4"),
    ("I'm fairly new, so others may see it differently.", "y<=1"),
    ("Still quite new here, so take this with a pinch of salt.", "y<=1"),
    ("I do love the work.", ""),
    ("Sorry, bit of a rant.", ""),
    ("The work with patients is the best part.", ""),
    ("I'm not planning to leave but I know several who are.", ""),
    ("I came into this job to help people and that hasn't changed.", ""),
    ("Others in my team would say the same.", ""),
    ("That's just my view.", ""),
    ("It's not rocket science.", ""),
    ("Hope this helps.", ""),
    ("I could say more but that's the gist.", ""),
    ("Feels like déjà vu answering this — I said the same last year.", ""),
    ("Nothing dramatic, just the basics.", ""),
    ("It's a good service in lots of ways.", ""),
    ("Apologies for typos, typing on my phone.", ""),
    ("Thanks for asking.", ""),
    ("I've worked in mental health most of my career and this isn't new.", "y>=8"),
]
CONTEXT = [
    ("I work in a community mental health team.", "ps"),
    ("I'm on an acute inpatient ward.", "ps"),
    ("I manage two community teams across a large rural area.", "m"),
    ("We're a crisis team covering a big patch.", "psm"),
    ("I work in CAMHS.", "psm"),
    ("I'm a mental health nurse by background.", "psm"),
    ("I'm an OT in an older adults team.", "p"),
    ("Our team covers a city centre with a lot of deprivation.", "psm"),
    ("I supervise four staff and still do some clinical work.", "s"),
    ("I'm a social worker in a secondary care team.", "ps"),
    ("I lead a small early intervention team.", "m"),
    ("I work in a psychiatric liaison team in A&E.", "ps"),
    ("I'm a support worker on a rehab unit.", "p"),
]
NON_ANSWERS = ["n/a", "N/A", "-", "Nothing to add.", "No comment.", "Not sure.", "?", "na",
               "Prefer not to say.", "Nothing to add"]

# Misspellings a hurried typist makes.
TYPOS = {
    "receive": "recieve", "separate": "seperate", "definitely": "definately",
    "management": "managment", "really": "realy", "because": "becuase", "their": "thier",
    "which": "wich", "colleagues": "collegues", "necessary": "neccessary", "a lot": "alot",
    "supervision": "supervison", "occupational": "occupaitonal", "appraisals": "apprasials",
    "people": "poeple", "caseloads": "case loads", "caseload": "case load", "staff": "satff",
    "actually": "actualy", "until": "untill", "properly": "propperly", "recruitment": "recruitmant",
    "different": "diffrent", "experienced": "experianced", "approachable": "approachible",
    "doesn't": "doesnt", "don't": "dont", "I'm": "Im", "it's": "its", "there's": "theres",
    "manager": "manger", "listen": "lisen", "completely": "completly",
}

ROLES = [("practitioner", 0.60), ("supervisor", 0.25), ("manager", 0.15)]
REGIONS = [("North", 0.30), ("Midlands", 0.27), ("South", 0.31), ("Wales", 0.12)]

# Relative weights for which codes an answer raises, and multipliers by role group.
Q1_WEIGHTS = {"CASE": 10, "ADMIN": 6, "STAFF": 6, "RECR": 2.5, "BUDG": 2.5, "PAY": 9, "CAREER": 4.5,
              "FLEX": 5, "TRAIN": 3.5, "SUPV": 2, "PROT": 2.5, "LINE": 4, "WELL": 3, "TEAM": 2.5,
              "RECOG": 5}
Q2_WEIGHTS = {"CASE": 2, "ADMIN": 2.5, "STAFF": 2.5, "RECR": 1, "BUDG": 1.5, "PAY": 1.5, "CAREER": 2.5,
              "FLEX": 5, "TRAIN": 5, "SUPV": 8, "PROT": 3.5, "LINE": 7, "WELL": 6, "TEAM": 8,
              "RECOG": 3.5}
ROLE_MULT = {
    "practitioner": {"CASE": 1.6, "PAY": 1.6, "ADMIN": 1.2, "RECR": 0.3, "BUDG": 0.3, "PROT": 0.55,
                     "TEAM": 1.15},
    "supervisor": {"PROT": 3.2, "SUPV": 1.8, "CAREER": 1.4, "CASE": 0.9, "PAY": 0.9, "RECR": 0.6,
                   "BUDG": 0.6},
    "manager": {"RECR": 4.5, "BUDG": 4.5, "STAFF": 1.7, "CASE": 0.55, "PAY": 0.7, "ADMIN": 1.1,
                "PROT": 0.8, "FLEX": 1.1, "TEAM": 0.8, "LINE": 1.1},
}


# ---------------------------------------------------------------------------
# Generation helpers
# ---------------------------------------------------------------------------

def weighted_choice(rng, pairs):
    total = sum(w for _, w in pairs)
    x = rng.random() * total
    for item, w in pairs:
        x -= w
        if x < 0:
            return item
    return pairs[-1][0]


def entry_text(entry):
    return entry[0] if isinstance(entry, tuple) else entry


def entry_ok(entry, role):
    if isinstance(entry, tuple):
        return role[0] in entry[1]
    return True


class Picker:
    """Choose phrasings, preferring ones that have been used least so far."""

    def __init__(self, rng):
        self.rng = rng
        self.uses = {}

    def pick(self, bank_name, entries, role, exclude=()):
        cands = [(i, e) for i, e in enumerate(entries)
                 if entry_ok(e, role) and entry_text(e) not in exclude]
        pairs = [(e, 1.0 / (1 + self.uses.get((bank_name, entry_text(e)), 0)) ** 2) for _, e in cands]
        e = weighted_choice(self.rng, pairs)
        key = (bank_name, entry_text(e))
        self.uses[key] = self.uses.get(key, 0) + 1
        return entry_text(e)


def choose_codes(rng, weights, role, k, allowed=None):
    mult = ROLE_MULT[role]
    pool = [(c, weights[c] * mult.get(c, 1.0)) for c in CODE_ORDER
            if allowed is None or c in allowed]
    chosen = []
    for _ in range(min(k, len(pool))):
        c = weighted_choice(rng, pool)
        chosen.append(c)
        pool = [(x, w) for x, w in pool if x != c]
    return chosen


def decap(s):
    """Lower-case the first letter so a sentence can follow a connector."""
    first = s.split(" ", 1)[0]
    if first in ("I", "I'm", "I've", "I'd", "I'll") or (len(first) > 1 and first.rstrip(".,:;!").isupper()):
        return s
    if first.startswith("{"):
        return s
    return s[0].lower() + s[1:]


def cap(s):
    return s[0].upper() + s[1:] if s else s


def fill(s, ctx):
    return s.format(**ctx)


def join_np(items, rng):
    if len(items) == 1:
        return items[0]
    style = rng.random()
    if style < 0.55:
        return ", ".join(items[:-1]) + " and " + items[-1]
    if style < 0.85:
        return ", ".join(items)
    return " / ".join(items)


def aside_ok(cond, years):
    if not cond:
        return True
    if cond.startswith("y>="):
        return years >= int(cond[3:])
    if cond.startswith("y<="):
        return years <= int(cond[3:])
    raise ValueError(cond)


def pick_aside(rng, picker, role, years):
    entries = [(a, "psm") for a, cond in ASIDES if aside_ok(cond, years)]
    return picker.pick("aside", entries, role)


def join_sentences(rng, sents):
    """Join code sentences with (code-free) connectors."""
    out = sents[0]
    used = []
    for i, s in enumerate(sents[1:], start=1):
        last = i == len(sents) - 1
        if last and len(sents) >= 3 and rng.random() < 0.3 and "finally" not in s.lower():
            conn = rng.choice(CONNECT_LAST)
        else:
            conn = rng.choice([c for c in CONNECT if c == "" or c not in used])
        used.append(conn)
        out += " " + (conn + decap(s) if conn else s)
    return out


def restyle(text, rng, style):
    """Per-respondent typing habits."""
    if style["fancy"]:
        text = re.sub(r"(\w)'(\w)", "\\1’\\2", text)
        text = text.replace("'", "’")
    else:
        text = text.replace(" — ", " - ").replace("—", "-")
    if style["typo"] and rng.random() < 0.8:
        keys = [k for k in TYPOS if re.search(r"\b" + re.escape(k) + r"\b", text)]
        if keys:
            k = rng.choice(keys)
            text = re.sub(r"\b" + re.escape(k) + r"\b", TYPOS[k], text, count=1)
        else:
            words = [m for m in re.finditer(r"[a-z]{6,}", text)]
            if words:
                m = rng.choice(words)
                w = m.group(0)
                j = rng.randrange(1, len(w) - 2)
                w2 = w[:j] + w[j + 1] + w[j] + w[j + 2:]
                text = text[:m.start()] + w2 + text[m.end():]
    if style["amp"]:
        text = text.replace(" and ", " & ")
    if style["lower"]:
        text = text.lower()
    if style["nostop"] and text.endswith("."):
        text = text[:-1]
    return text


def make_q1(rng, picker, r, ctx):
    role, verb = r["role_group"], r["verbosity"]
    kind_pairs = {
        "short": [("np1", 0.45), ("list", 0.25), ("prose1", 0.30)],
        "medium": [("np1", 0.06), ("list", 0.12), ("prose", 0.82)],
        "long": [("prose", 1.0)],
    }[verb]
    kind = weighted_choice(rng, kind_pairs)
    if kind == "np1":
        codes = choose_codes(rng, Q1_WEIGHTS, role, 1)
        np_ = picker.pick("np1", Q1_NP[codes[0]], role)
        text = cap(np_) + rng.choice([".", "", "!", ".", "!!"])
        return text, codes
    if kind == "list":
        k = weighted_choice(rng, [(2, 0.55), (3, 0.40), (4, 0.05)])
        codes = choose_codes(rng, Q1_WEIGHTS, role, k)
        nps = [picker.pick("np1", Q1_NP[c], role) for c in codes]
        if rng.random() < 0.25:
            bullet = rng.choice(["- ", "* ", ""])
            if bullet == "":
                text = " ".join(f"{i + 1}) {np_}" for i, np_ in enumerate(nps))
            else:
                text = "\n".join(bullet + np_ for np_ in nps)
        else:
            text = cap(join_np(nps, rng)) + rng.choice([".", "", "."])
        return text, codes
    if kind == "prose1":
        k = 1
    elif verb == "long":
        k = weighted_choice(rng, [(2, 0.35), (3, 0.42), (4, 0.18), (5, 0.05)])
    else:
        k = weighted_choice(rng, [(1, 0.40), (2, 0.42), (3, 0.18)])
    codes = choose_codes(rng, Q1_WEIGHTS, role, k)
    sents = [fill(picker.pick("q1", Q1_BANK[c], role), ctx) for c in codes]
    if verb == "long" and rng.random() < 0.35:
        # Dwell on the main point: a second, longer phrasing of the same code.
        longer = [e for e in Q1_BANK[codes[0]] if word_count(entry_text(e)) >= 14
                  and entry_ok(e, role) and fill(entry_text(e), ctx) != sents[0]]
        if longer:
            sents.insert(1, fill(picker.pick("q1", longer, role), ctx))
    body = join_sentences(rng, sents)
    p_open = {"short": 0.1, "medium": 0.3, "long": 0.6}[verb]
    if rng.random() < p_open:
        if k >= 2 and rng.random() < 0.3:
            body = (Q1_OPEN_MULTI[0] if k == 2 else rng.choice(Q1_OPEN_MULTI[1:])) + " " + body
        elif rng.random() < 0.5:
            pre = rng.choice(Q1_OPEN_PREFIX)
            body = pre + decap(body) if not body.startswith("Honestly") else body
        else:
            body = rng.choice(Q1_OPEN_SENT) + " " + body
    p_aside = {"short": 0.05, "medium": 0.2, "long": 0.55}[verb]
    if rng.random() < p_aside:
        body += " " + fill(pick_aside(rng, picker, role, r["years_in_post"]), ctx)
    if verb == "long" and rng.random() < 0.4:
        body = picker.pick("context", CONTEXT, role) + " " + body
    return body, codes


def make_q2(rng, picker, r, ctx):
    role, verb = r["role_group"], r["verbosity"]
    kind_pairs = {
        "short": [("np1", 0.40), ("list", 0.25), ("prose1", 0.35)],
        "medium": [("np1", 0.05), ("list", 0.12), ("prose", 0.83)],
        "long": [("prose", 1.0)],
    }[verb]
    kind = weighted_choice(rng, kind_pairs)
    if kind == "np1":
        codes = choose_codes(rng, Q2_WEIGHTS, role, 1, allowed=Q2_NP_HELP)
        text = cap(picker.pick("np2h", Q2_NP_HELP[codes[0]], role)) + rng.choice([".", "", "!", "."])
        return text, codes
    if kind == "list":
        k = weighted_choice(rng, [(2, 0.6), (3, 0.35), (4, 0.05)])
        codes = choose_codes(rng, Q2_WEIGHTS, role, k)
        helped, missing = [], []
        for c in codes:
            can_h, can_m = c in Q2_NP_HELP, c in Q2_NP_MISS
            if can_h and (not can_m or rng.random() < Q2_P_HELP[c]):
                helped.append(picker.pick("np2h", Q2_NP_HELP[c], role))
            else:
                missing.append(picker.pick("np2m", Q2_NP_MISS[c], role))
        h_lab, m_lab = rng.choice([("Helped", "Missing"), ("Helpful", "Missing"),
                                   ("Helped", "Not there"), ("Good", "Missing"), ("+", "-")])
        sep = rng.choice([": ", " - ", ": "]) if h_lab != "+" else " "
        parts = []
        parts.append(h_lab + sep + (join_np(helped, rng) if helped else rng.choice(["not much", "nothing really", "little"])))
        parts.append(m_lab + sep + (join_np(missing, rng) if missing else rng.choice(["nothing major", "not much"])))
        text = rng.choice([". ", "\n", ". ", "; "]).join(parts)
        if rng.random() < 0.5 and not text.endswith("\n"):
            text += "."
        return text, codes
    if kind == "prose1":
        k = 1
    elif verb == "long":
        k = weighted_choice(rng, [(2, 0.35), (3, 0.45), (4, 0.20)])
    else:
        k = weighted_choice(rng, [(1, 0.45), (2, 0.40), (3, 0.15)])
    codes = choose_codes(rng, Q2_WEIGHTS, role, k)
    helped, missing = [], []
    for c in codes:
        has_h = any(entry_ok(e, role) for e in Q2_HELP[c])
        has_m = any(entry_ok(e, role) for e in Q2_MISS[c])
        if has_h and (not has_m or rng.random() < Q2_P_HELP[c]):
            helped.append(c)
        else:
            missing.append(c)
    hs = [fill(picker.pick("q2h", Q2_HELP[c], role), ctx) for c in helped]
    ms = [fill(picker.pick("q2m", Q2_MISS[c], role), ctx) for c in missing]
    parts = []
    if hs:
        intro = rng.choice([x for x in Q2_HELP_INTRO if ms or x != "Good things first. "])
        body = join_sentences(rng, hs)
        parts.append(intro + decap(body) if intro.endswith(": ") or intro == "Honestly, " else intro + body)
    elif rng.random() < 0.5:
        parts.append(rng.choice(Q2_NOTHING_HELPED))
    if ms:
        intro = rng.choice(Q2_MISS_INTRO if parts else Q2_MISS_INTRO[:3] + Q2_MISS_INTRO[5:])
        body = join_sentences(rng, ms)
        if intro.endswith(("? ", ". ")) or intro == "Missing - ":
            parts.append(intro + body)
        else:
            parts.append(intro + decap(body))
    elif hs and rng.random() < 0.3:
        parts.append(rng.choice(Q2_NOTHING_MISSING))
    text = " ".join(parts)
    p_aside = {"short": 0.03, "medium": 0.15, "long": 0.45}[verb]
    if rng.random() < p_aside:
        text += " " + fill(pick_aside(rng, picker, role, r["years_in_post"]), ctx)
    if verb == "long" and rng.random() < 0.25:
        text = picker.pick("context", CONTEXT, role) + " " + text
    return text, codes


def word_count(s):
    return len(s.split())


def generate():
    rng = random.Random(2026)
    picker = Picker(rng)

    respondents = []
    for i in range(1, N_RESPONDENTS + 1):
        role = weighted_choice(rng, ROLES)
        region = weighted_choice(rng, REGIONS)
        shape, scale = {"practitioner": (1.3, 3.5), "supervisor": (2.2, 3.5),
                        "manager": (2.6, 4.0)}[role]
        years = min(30, int(rng.gammavariate(shape, scale)))
        verbosity = weighted_choice(rng, [("short", 0.30), ("medium", 0.50), ("long", 0.20)])
        style = {
            "fancy": rng.random() < 0.10,
            "typo": rng.random() < 0.15,
            "amp": rng.random() < 0.04,
            "lower": rng.random() < 0.05,
            "nostop": rng.random() < 0.12,
        }
        respondents.append({
            "respondent_id": f"R{i:03d}", "role_group": role, "region": region,
            "years_in_post": years, "verbosity": verbosity, "style": style,
            "n": rng.randrange(28, 52),
        })

    ids = [r["respondent_id"] for r in respondents]
    q1_blank = sorted(rng.sample(ids, 24))
    rest = [x for x in ids if x not in q1_blank]
    q2_blank = sorted(rng.sample(q1_blank, 16) + rng.sample(rest, 44))
    answered1 = [x for x in ids if x not in q1_blank]
    answered2 = [x for x in ids if x not in q2_blank]
    q1_non = rng.sample(answered1, 5)
    q2_non = rng.sample(answered2, 6)

    seen = set()
    for r in respondents:
        rid = r["respondent_id"]
        wales = r["region"] == "Wales"
        ctx = {"n": r["n"], "y": r["years_in_post"],
               "org": "the health board" if wales else "the trust",
               "Org": "The health board" if wales else "The trust",
               "other": "another health board" if wales else "another trust"}
        for q, blank, non, maker in (("q1", q1_blank, q1_non, make_q1),
                                     ("q2", q2_blank, q2_non, make_q2)):
            if rid in blank:
                r[q] = ("", [])
                continue
            if rid in non:
                r[q] = (rng.choice(NON_ANSWERS), [])
                continue
            for _attempt in range(50):
                text, codes = maker(rng, picker, r, ctx)
                text = restyle(text, rng, r["style"])
                if word_count(text) > 140:
                    continue
                if word_count(text) >= 6 and text.lower() in seen:
                    continue
                break
            else:
                raise RuntimeError("could not build a unique answer for " + rid)
            seen.add(text.lower())
            r[q] = (text, codes)
    return respondents


def write_csv(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    respondents = generate()

    write_csv(os.path.join(HERE, "responses.csv"),
              ["respondent_id", "role_group", "region", "years_in_post", "q1_retention", "q2_support"],
              [[r["respondent_id"], r["role_group"], r["region"], r["years_in_post"],
                r["q1"][0], r["q2"][0]] for r in respondents])

    header = ["respondent_id"] + [CODE_PATH[c] for c in CODE_ORDER]
    for q, fname in (("q1", "reference_coding_q1_retention.csv"),
                     ("q2", "reference_coding_q2_support.csv")):
        rows = []
        for r in respondents:
            text, codes = r[q]
            if text == "":
                continue
            rows.append([r["respondent_id"]] + [1 if c in codes else 0 for c in CODE_ORDER])
        write_csv(os.path.join(HERE, fname), header, rows)

    with open(os.path.join(HERE, "codebook.json"), "w", encoding="utf-8", newline="\n") as f:
        json.dump(codebook_dict(), f, indent=2, ensure_ascii=False)
        f.write("\n")


if __name__ == "__main__":
    main()
