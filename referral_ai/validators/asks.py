"""``generic-ask``: a sentence that asks about unspecified jobs instead of one named posting.

The rule, sentence by sentence:

* **Always generic** — wording that is about unspecified jobs by its nature: a quantifier on a job noun
  ("any openings", "other roles", "open positions", "new opportunities", "which roles"), "in any capacity",
  "whatever the team", "foot in the door", "flexible on the role", "open to anything", "exploring
  opportunities", "what are you hiring for".
* **Generic unless the sentence names one job** — the vague asks: "keep me in mind", "keep an eye out",
  "if anything opens up", "if there's an opening", "pass my resume to whoever is hiring", "forward my CV
  to your recruiting team", "connect me with someone in HR", "something that fits my background",
  "anything in marketing", "looking for a role in sales", "is your team hiring", "I'd love to be
  considered". A sentence names one job when it contains the posting's exact title, a requisition id or
  posting link, or a determiner + capitalised title + role noun ("the Operations Analyst role", "the
  Account Executive, Mid-Market position").

* **Generic when it asks and names no job** — a question, request, conditional or wish ("?", "could you",
  "if", "I'd love", "would be amazing", "hoping") about jobs in general: a job noun ("a role", "contract
  work", "headcount", "an interview at Shopify"), hiring ("is your firm recruiting", "does your company
  take on interns", "taking on analysts"), a job-flavoured "anything" ("anything remote", "anything
  going"), a role family by likeness ("roles like yours", "a similar position"), recipients that stand
  for hiring in general ("your recruiters", "your talent team"), or a referral with no role in mind
  ("put my name forward", "vouch for me"). A sentence that points back at one job ("the role", "this
  position") is not generic.

A template's slot for the job title ("the [Role] position", "{{role}} opening", "(Role Name)") names one job;
a titled job at no particular employer ("a Solutions Engineer role at an AI startup") does not. A referral,
a word put in, or "an opening" with no job named, like a forward or an introduction, counts only when no
sentence of the email names a job; so does a job-seeking statement ("I'm exploring new opportunities"),
which binds to a job named in the same sentence. Not the writer's ask: an offer of other people ("happy to
connect you with designers if you're hiring"), the reader's own search ("I see you're looking for a job"), a
condition with nobody in it asking ("If your team is hiring, the form closes Friday"), a note with the
subject left out ("Offered to pass my resume along").

Text-speak is read as its full words first ("lmk if ur team is hiring" = "let me know if your team is
hiring"). Every pattern is linear: bounded gaps, no nested unbounded repeats.

Questions about *the candidate* ("happy to answer any questions about my fit for the X role") and
sentences that are not asks ("excited about the opportunities the new office will create") contain none
of these and pass.
"""

from __future__ import annotations

import re
import threading
from typing import TYPE_CHECKING, NamedTuple

from referral_ai.findings import Finding, to_issues
from referral_ai.kinds import Severity
from referral_ai.prefilter import Branches, Gated, dispatch, split_branches
from referral_ai.validators._text import Span, normalize, split_sentences, title_named

if TYPE_CHECKING:
    from referral_ai.models import Issue, JobPosting

__all__ = [
    "AskVerdict",
    "ask_finding",
    "ask_issue",
    "assess_asks",
    "classify_ask",
    "find_generic_asks",
    "generic_ask_findings",
    "generic_asks",
    "is_generic_ask",
    "names_specific_role",
    "quoted_start",
    "role_phrase",
]

_I = re.IGNORECASE

_JOBS = r"(?:openings|positions|roles|opportunities|jobs|vacancies|internships|gigs|reqs|requisitions|spots|seats)"
_JOB = r"(?:opening|position|role|opportunity|job|vacancy|internship|gig|spot|req|requisition|seat|headcount)"
_ANY_JOB = rf"(?:{_JOB}|{_JOBS})"
# words allowed between a quantifier and the job noun ("any product management roles")
_MODIFIER = (
    r"(?:(?!(?:about|for|of|on|in|to|the|my|your|a|an|with|at|from|that|this|questions?|concerns?|"
    r"feedback|help|advice|thoughts|details|files?|attachments?|documents?|issues?|problems?)\b)[\w/&+-]+\s+)"
)
_DEPARTMENTS = (
    r"(?:marketing|sales|engineering|finance|design|product|data|analytics|operations|ops|hr|legal|support|"
    r"research|security|growth|communications|comms|consulting|accounting|tech|technology|it|software|"
    r"devops|infrastructure|infra|customer\s+success|business\s+development|bizdev|partnerships|strategy|"
    r"recruiting|people|content|editorial|ux|ui|qa|quality|manufacturing|logistics|supply\s+chain|"
    r"procurement|compliance|risk|policy|admin|administration|management|the\s+\w+\s+(?:side|team|org|"
    r"department|group))"
)

_ALWAYS_GENERIC: tuple[str, ...] = tuple(
    p
    for p in (
        # any / all / other / every + job noun
        rf"\b(?:any|all|other|every|whatever|some)\s+(?:kind\s+of\s+|sort\s+of\s+|type\s+of\s+)?{_MODIFIER}{{0,3}}?{_ANY_JOB}\b(?!\s+to\b)",
        # open / available / new ... + plural job noun
        rf"\b(?:open|available|current|upcoming|future|new|other|more|suitable|relevant|potential|possible|"
        rf"different|similar|additional|further)\s+(?:[\w-]+\s+){{0,2}}?{_JOBS}\b",
        rf"\b(?:what|which)\s+(?:kinds?\s+of\s+|types?\s+of\s+|sorts?\s+of\s+|other\s+)?(?:[\w-]+\s+)?{_JOBS}\b",
        r"\b(?:in|for)\s+any\s+(?:capacity|function|department|team|area|level|way\s+possible)\b",
        r"\b(?:any|some|whatever|every)\s+capacity\b",
        r"\bin\s+(?:whatever|any)\s+(?:form|shape)\b",
        r"\bwhatever(?:'s|\u2019s|\s+is)\s+(?:available|open|going)\s+(?:on|in|at)\s+(?:the|your)\s+(?:\w+\s+)?(?:side|team|"
        r"department|office|org)\b",
        r"\bwhatever\s+(?:the\s+)?(?:role|team|position|job|department|title|level|is\s+(?:open|available))\b",
        r"\bfoot\s+in\s+the\s+door\b",
        r"\b(?:flexible|not\s+(?:too\s+|very\s+)?(?:picky|fussy|particular|set|fixed)|open-minded|agnostic)\s+"
        r"(?:on|about|regarding|as\s+to|when\s+it\s+comes\s+to)\s+(?:the\s+|my\s+|a\s+)?(?:role|position|title|team|job|"
        r"department|function|level)s?\b",
        r"\b(?:what|which)\s+(?:\w+\s+)?(?:teams|departments|groups|divisions|areas|offices|parts\s+of)\b[^.?!\n]{0,40}?"
        r"\b(?:hir(?:e|es|ing)|recruit(?:s|ing)?|open(?:ings)?)\b",
        r"\b(?:open|up|down|game)\s+(?:to|for)\s+(?:anything|whatever|everything)\b",
        r"\b(?:take|accept|consider)\s+(?:literally\s+|just\s+|pretty\s+much\s+)?(?:anything|whatever)\b(?!\s+(?:you\s+)?(?:say|said|advise))",
        # "without a specific posting", "not sure which role", "no particular role in mind"
        r"\b(?:without|no|not)\s+(?:a\s+|any\s+|one\s+)?(?:specific|particular|certain|set|single)\s+(?:role|position|posting|job|"
        r"opening|title|team|vacancy)\b",
        r"\b(?:not\s+sure|unsure|(?:don't|do\s+not|don\u2019t)\s+know|no\s+idea)\s+(?:which|what)\s+(?:\w+\s+)?(?:role|position|"
        r"job|team|opening|department|title)s?\b",
        r"\b(?:explor(?:e|ing)|consider(?:ing)?|weigh(?:ing)?)\s+(?:new\s+|other\s+|different\s+|career\s+|job\s+|my\s+)*"
        r"(?:opportunities|roles|options|positions|openings|paths|possibilities)\b",
        r"\bwhat(?:'s|\u2019s|\s+is|\s+might\s+be|\s+could\s+be)\s+(?:currently\s+|still\s+)?(?:available|open)\b",
        rf"\b(?:are|is)\s+there\s+(?:any\s+|some\s+)?(?:[\w-]+\s+)?{_JOBS}\b",
        r"\banywhere\s+(?:in|at|on|within|across)\s+(?:the\s+|your\s+)?(?:company|org|organi[sz]ation|firm|team|business)\b",
        r"\b(?:join|work\s+(?:at|for|with)|be\s+(?:a\s+)?part\s+of|contribute\s+to|get\s+into)\b[^.?!\n]{0,40}?\b(?:in\s+)?"
        r"(?:whatever|any)\s+(?:way|role|capacity|form|position|job)\b",
        r"\bapply(?:ing)?\s+(?:broadly|widely|everywhere|to\s+everything|across\s+the\s+board)\b",
        # "refer me for anything", "put my name forward for whatever", "happy to be considered for whichever"
        r"\b(?:refer(?:red|ring)?|recommend(?:ed|ing)?|consider(?:ed|ing)?|put|putting|submit(?:ted|ting)?|"
        r"nominat(?:e|ed|ing)|suggest(?:ed|ing)?|interview(?:ed|ing)?)\s+(?:me\s+|my\s+name\s+)?(?:forward\s+)?for\s+"
        r"(?:anything|whatever|something|everything|whichever|all\s+sorts)\b",
        # a role family by likeness: "roles like yours", "positions similar to the one you hold"
        rf"\b{_JOBS}\s+(?:like|similar\s+to|akin\s+to|comparable\s+to|such\s+as|along\s+the\s+lines\s+of)\b",
        r"\b(?:wherever|anywhere)\s+(?:I(?:'d|\s+would|\s+might|\s+could)?\s+)?(?:fit|be\s+useful|be\s+needed|help)\b",
        # "while researching opportunities at Acme"
        r"\bresearch(?:ing)?\s+(?:new\s+|other\s+|career\s+|job\s+)?(?:opportunities|roles|positions|openings)\b",
    )
)

_VAGUE: tuple[str, ...] = tuple(
    p
    for p in (
        r"\b(?:what|which|whatever)\s+(?:\w+\s+){0,3}?(?:you(?:'re|\u2019re|\s+are)\s+|is\s+|are\s+)?(?:currently\s+)?hiring\s+for\b",
        r"\b(?:keep|bear|have)\s+me\s+in\s+mind\b",
        r"\bkeep(?:ing)?\s+(?:an\s+|your\s+|a\s+)?(?:eyes?|ears?)\s+(?:out|open|peeled|to\s+the\s+ground)\b",
        r"\bkeep\s+me\s+(?:posted|updated|in\s+the\s+loop)\s+(?:on|about|if|when)\b",
        r"\bthink\s+of\s+me\s+(?:if|when|for)\b",
        r"\bon\s+your\s+radar\b",
        # "if anything opens up", "when a suitable vacancy comes up"
        rf"\b(?:anything|something|(?:a|an|any|one)\s+(?:\w+\s+){{0,2}}?{_ANY_JOB})\s+(?:\w+\s+){{0,2}}?"
        r"(?:opens?\s+up|comes?\s+up|becomes?\s+(?:available|open|free)|arises|pops?\s+up|(?:turns?|crops?|shows?)\s+up|opens\b|"
        r"(?:is|are)\s+(?:posted|advertised|listed))",
        rf"\b(?:if|in\s+case|whether|when)\s+there(?:'s|\u2019s|\s+is|\s+are|\s+were|\s+will\s+be|\s+might\s+be)\s+"
        rf"(?:ever\s+)?(?:an?\s+|any\s+|some\s+)?(?:\w+\s+)?(?:{_ANY_JOB}|match|fit|need|opportunities|place)\b",
        # "hear of something that could be a good fit", "anything in marketing I could apply for"
        r"\b(?:anything|something|whatever)\b(?!\s+(?:time|day|date|slot|format|works|way|you\s+prefer))[^.?!\n]{0,60}?\b(?:fits?|fitting|suits?|suited|suitable|"
        r"(?:could|can|might|to)\s+apply|opens?\s+up|comes?\s+up|(?:turns?|crops?)\s+up|hiring|match(?:es)?\s+my)\b(?!\s+(?:manager|process|team|committee|panel|form|portal|timeline))",
        r"\bfor\s+(?:anything|something|whatever)\s+(?:relevant|suitable|appropriate|open|available|that\s+(?:fits|suits|matches))\b",
        # a third party's need: "anyone at Initech who is looking for engineers", "room for another analyst"
        r"\b(?:anyone|anybody|someone|somebody|who|whether|if|know\s+of)\b[^.?!\n]{0,40}?(?<!I'm\s)(?<!I\u2019m\s)(?<!\bam\s)\b(?:looking\s+for|seeking|"
        r"in\s+need\s+of|could\s+use|needs?|hiring)(?!\s+(?:managers?|team|leads?|partners?|coordinators?|committee|"
        r"panel|process)\b)\s+(?:an?\s+|another\s+|more\s+|some\s+|extra\s+)?(?:[\w-]+\s+)?"
        r"(?:engineers?|developers?|designers?|analysts?|people|talent|contractors?|staff|hires?|"
        r"candidates?|someone|somebody|managers?|writers?|marketers?|consultants?|interns?|folks)\b(?!\s+to\b)",
        r"\b(?:room|need|space|a\s+place|headcount|budget|demand)\s+for\s+(?:an?\s+|another\s+|more\s+|some\s+|"
        r"someone|somebody|people|extra\s+|new\s+)",
        # "is your team hiring", "who's still hiring"; not the possessive "your team's recent hiring announcement"
        r"\b(?:(?:is|are|be|been|start|starts|started|keep)\s+(?:\w+\s+)?|(?:'s|\u2019s)\s+(?:still\s+|currently\s+|"
        r"actively\s+|now\s+)?)hiring\b(?!\s+(?:manager|team|process|committee|lead|panel|decision|form|portal|for\s+the|"
        r"announcement|news|spree|push|freeze|plans?|practices?|bias|season|budget|goals?|strategy|trends?|events?|"
        r"updates?|page|post|policy|data)\b)",
        rf"\b(?:anything|something)\s+(?:open\s+)?(?:in|on|within|at)\s+{_DEPARTMENTS}\b",
        # "looking for a role in marketing", "consider me for a position", "refer me for a job"
        rf"\b(?:looking\s+for|interested\s+in|apply(?:ing)?\s+(?:for|to)|consider(?:ed)?\s+(?:me\s+)?for|"
        rf"refer(?:red)?\s+(?:me\s+)?for|recommend(?:ed)?\s+(?:me\s+)?for|open\s+to|find(?:ing)?|land(?:ing)?|"
        rf"get(?:ting)?|hoping\s+for|seeking)\s+(?:an?\s+|some\s+)(?:[\w-]+\s+){{0,3}}?{_JOB}\b(?!\s+to\b)",
        # "pass my resume along to whoever handles hiring", "forward my CV to your recruiting team"
        r"\b(?:pass|forward|send|share|circulate|give|hand|put|route)(?:ing)?\s+(?:along\s+)?(?:my|the\s+attached|"
        r"this|it|them|me)\b(?:\s+(?:resume|r\u00e9sum\u00e9|cv|application|details|info|information|profile|"
        r"background))?\s+(?:along\s+|around\s+|on\s+)?(?:\w+\s+){0,2}?(?:to|with|in\s+front\s+of|among|"
        r"around|across)\s+(?:whoever|other\s+|any\s+|all\s+|"
        r"anyone|anybody|someone|somebody|people|your\s+(?:recruit\w*|hiring|talent|hr|people|team|contacts|"
        r"network|colleagues)|the\s+(?:recruit\w*|talent|hr|people\s+team)|hr\b|recruiters?|others|managers)",
        r"\b(?:whoever|anyone|anybody|someone|somebody|people)\b[^.?!\n]{0,30}?\bhiring\b",
        r"\b(?:connect|introduce|put|link)\s+me\s+(?:in\s+touch\s+)?(?:with|to)\s+(?:someone|somebody|anyone|"
        r"people|the\s+right\s+(?:person|people)|a\s+recruiter|your\s+recruit\w*|recruiters|hr\b|the\s+hr\b|"
        r"talent|the\s+talent)",
        r"\b(?:is|are)\s+(?:your|the)\s+(?:\w+\s+)?(?:company|team|firm|group|department|organi[sz]ation|office|"
        r"org|startup|business|lab)\s+(?:currently\s+|still\s+|actively\s+|even\s+)?hiring\b",
        r"\b(?:your|the)\s+(?:\w+\s+)?(?:company|team|firm|group|department|organi[sz]ation|office|org|startup|"
        r"business|lab)\s+(?:is|are)\s+(?:currently\s+|still\s+|actively\s+|even\s+)?(?:hiring|recruiting|"
        r"looking\s+for|in\s+need\s+of|seeking)\b",
        r"\b(?:if|when|whenever|should)\s+(?:your|the)\s+(?:\w+\s+)?(?:company|team|firm|group|department|"
        r"organi[sz]ation|office|org|startup|business|lab|side)\s+(?:ever\s+|still\s+)?(?:needs?|wants?|"
        r"(?:is|are)\s+looking\s+for|(?:is|are)\s+in\s+need\s+of|could\s+use)\s+(?:an?\s+|some|help|more|another|extra)",
        r"\b(?:searching|looking|hunting|on\s+the\s+(?:hunt|lookout))\s+for\s+(?:my\s+next|a\s+new|new|the\s+next|"
        r"a\s+next|another)\s+(?:\w+\s+)?(?:opportunity|role|position|job|challenge|move|step|gig)\b",
        r"\bintroduc(?:e|tion|ing)\s+(?:me\s+)?to\s+(?:a|an|any|someone|somebody|anyone|people|your)\s+(?:\w+\s+)?"
        r"(?:recruiters?|hr|talent|hiring|person|people|recruiting|contacts?)\b",
        r"\b(?:are\s+you|you\s+guys|y'all)\s+(?:currently\s+|still\s+|actively\s+)?hiring\b",
        r"\bhiring\s+(?:at\s+the\s+moment|right\s+now|currently|these\s+days|this\s+(?:year|quarter))\b",
        r"\b(?:be|being|get|getting)\s+considered\b(?=\s*(?:[.!?]|$|for\s+(?:any|an?|other|future|something|"
        r"anything|roles|positions|openings|opportunities)\b|by\s+(?:someone|anyone|your)\b))",
        r"\b(?:fit|suit|match)(?:s|es|ed)?\s+(?:for\s+)?(?:me|my\s+(?:background|skills|skill\s+set|skillset|"
        r"experience|profile|interests|strengths))\b",
        r"\b(?:send|pass|forward)\s+(?:them|it|anything|opportunities|roles|openings|leads)\s+my\s+way\b",
        r"\brefer(?:ring)?\s+me\b(?!\s+(?:for|to)\s+the\b)(?=\s*(?:[.!?,]|$|to\s+[A-Z]|at\s+[A-Z]|somewhere|internally))",
        r"\b(?:get|bring)\s+me\s+(?:in|on\s+board|onboard|into)\b",
        r"\bwhere\s+(?:I(?:'d|\u2019d)?|my\s+\w+|this\s+(?:kind\s+of\s+)?(?:background|experience|profile|skill\s*set)|someone\s+(?:with|like)\s+(?:\w+\s+){1,3}?|a\s+person\s+(?:with|like)\s+"
        r"(?:\w+\s+){1,3}?)\s*(?:might\s+|could\s+|would\s+|will\s+)?(?:best\s+)?(?:fit|be\s+a\s+(?:good\s+)?fit|add\s+value|"
        r"be\s+useful|slot\s+in)\b",
        # "pass my CV around": spread to no one in particular
        r"\b(?:pass|send|share|circulate|forward|float)(?:ing)?\s+(?:my|this|the\s+attached)\s+(?:\w+\s+)?(?:resume|"
        r"r\u00e9sum\u00e9|cv|profile|details|info|portfolio|name)\s+(?:around|about|round|internally|widely|far\s+and\s+wide)\b",
    )
)

# A named job: determiner + capitalised title + role noun.
_TITLE_WORD = r"(?:[A-Z][\w.+#&/'\u2019-]*|[a-z]+[A-Z][\w.+#-]*|[IVX]{1,4}\b|\d+\b)"
_TITLE_JOIN = r"(?:,?\s+(?:of|and|&|for|in|the|de|la)\s+|,\s+|\s+[-\u2013\u2014/]\s+|\s+)"
_NAMED_ROLE = Gated(
    rf"\b(?P<det>(?i:the|this|that|your|its|an?))\s+(?:posted\s+|open\s+|advertised\s+|listed\s+|new\s+|current\s+)?"
    rf"(?P<title>{_TITLE_WORD}(?:{_TITLE_JOIN}{_TITLE_WORD}){{0,7}})\s+(?P<noun>role|position|opening|posting|"
    r"job|vacancy|opportunity|application|req|requisition|search|listing|post|team|opening)\b"
)
_ROLE_WORDS = frozenset(
    """engineer engineers developer developers manager managers analyst analysts designer designers scientist
    scientists director directors lead architect consultant specialist coordinator administrator associate
    officer intern accountant writer editor professor lecturer nurse teacher researcher executive
    representative rep head assistant advisor adviser strategist technician recruiter producer counsel
    attorney paralegal therapist pharmacist physician clerk copywriter marketer planner buyer controller
    auditor economist statistician programmer partner principal fellow postdoc instructor tutor chef
    operator supervisor superintendent agent owner""".split()  # noqa: SIM905
)
_REQ_ID = Gated(
    r"\b(?:req(?:uisition)?|job|posting|position|vacancy|reference|ref)\.?\s*(?:id|no\.?|number|code|#)?\s*[:#]?\s*"
    r"[A-Z]{0,4}[-_]?\d{2,}[\w-]*|\b[A-Z]{1,4}-\d{3,}\b|#\d{3,}\b|\bjob\s+\d{3,}\b",
    _I,
)
_URL = Gated(r"\bhttps?://[^\s<>\"')\]]+|\bwww\.[^\s<>\"')\]]+", _I)


# ids that _REQ_ID (shared with the claims rule) leaves out: "(R-99)", "APM-2025", "(ID 4471)", "(4471)"
_EXTRA_ID = Gated(
    r"\b[A-Z]{1,5}-\d{2,}(?:-\d+)*\b|\bID\s*[:#]?\s*[A-Z]{0,4}-?\d{2,}\b|"
    r"\((?!(?:19|20)\d\d\))(?:[A-Z]{1,5}[-_ ]?)?\d{3,}[\w-]*\)"
)


# a template's slot for the job title ("the [Role] position", "{{role}} opening", "(Role Name)", "{position
# title}", "${jobTitle}", "the position of {}"): the writer fills in one exact title. Not a slot for a kind of
# job ("[Type of role]", "<lane/role>", "{roleArea}") nor one before a plural ("[Role] opportunities").
_ROLE_SLOT = Gated(
    r"(?:\$?\{\{?|\[|\(|<)\s*(?:(?:the|exact|target)\s)?(?:(?:role|position|job|opening)(?:[\s_-]?(?:name|title))?|"
    r"(?:job|role|position|exact)[\s_-]?title)\s*(?:\}\}?|\]|\)|>)(?!\s*(?:opportunit|roles|positions|openings|jobs)\w*)|"
    r"\b(?:position|role|post|opening)\s+of\s+\{\}",
    _I,
)
# a titled job at no particular employer is a family of jobs: "a Solutions Engineer role at an AI startup"
_ANY_EMPLOYER = re.compile(r"\s+(?:at|with|in)\s+(?:an?|any|some)\s", _I)


def names_specific_role(sentence: str, posting: JobPosting | None = None) -> bool:
    """Does ``sentence`` name one specific job (the posting's title, a req id, a link, "the X role", or a
    template's slot for the title)?"""
    if posting is not None and title_named(normalize(sentence), posting.title):
        return True
    if _REQ_ID.search(sentence) or _EXTRA_ID.search(sentence) or _URL.search(sentence):
        return True
    if _ROLE_SLOT.search(sentence):
        return True
    for m in _NAMED_ROLE.finditer(sentence):
        if m.group("det").lower() in ("a", "an") and _ANY_EMPLOYER.match(sentence, m.end()):
            continue
        words = [w for w in re.split(r"[\s,/&\u2013\u2014-]+", m.group("title")) if w]
        caps = [w for w in words if w[:1].isupper() or any(c.isupper() for c in w[1:])]
        last = words[-1].lower().rstrip(".'\u2019s") if words else ""
        if m.group("noun") == "team":
            if m.group("det").lower() in ("a", "an"):
                continue  # "a Data Science team": a family of jobs, not one
            if last in _ROLE_WORDS or last.rstrip("s") in _ROLE_WORDS:
                return True
            continue
        if len(caps) >= 2 or last in _ROLE_WORDS:
            return True
    return False


# The fallback: a sentence that asks (a question, a request, a conditional, a wish) about jobs, hiring or a
# referral in general, without naming one job and without pointing back at one ("the role", "this position").
_ORG = (
    r"(?:company|team|firm|group|department|dept|organi[sz]ation|office|org|startup|business|lab|division|"
    r"practice|agency|studio|side|end|place|shop|unit|squad)"
)
_PEOPLE = (
    r"(?:people|folks|staff|talent|hires?|graduates?|grads?|juniors?|person\b(?!\s+to\b)|"
    r"seniors?|freelancers?|contractors?|interns?|trainees?|apprentices?|devs?|temps?|illustrators?|animators?|"
    r"photographers?|videographers?|translators?|interpreters?|bookkeepers?|electricians?|plumbers?|carpenters?|"
    r"mechanics?|drivers?|cashiers?|baristas?|bartenders?|cooks?|bakers?|receptionists?|secretar(?:y|ies)|"
    r"hygienists?|dentists?|surgeons?|paramedics?|caregivers?|counsel+ors?|librarians?|archivists?|curators?|"
    r"journalists?|reporters?|artists?|musicians?|trainers?|coaches|coach|chemists?|biologists?|actuar(?:y|ies)|"
    r"underwriters?|brokers?|bankers?|traders?|surveyors?|inspectors?|welders?|machinists?|technologists?|"
    r"testers?|modell?ers?|illustrators?|marketers?|sellers?|salespeople|salesperson|"
    + "|".join(sorted({w + "s?" for w in _ROLE_WORDS if not w.endswith("s")}))
    + r")"
)
# the job-seeking topics, one alternative each (searched as \b(?:A|B|...) would be)
_JOB_SEEKING_SRC = (
    rf"{_JOBS}\b|(?:an?|another)\s+(?:[\w-]+\s+){{0,2}}?{_JOB}\b(?!\s+to\b)|jobs?\b|hir(?:e|es)\b(?!\s+(?:manager|team|process|"
    r"committee|panel|lead|form|portal))|"
    # "hiring" / "recruiting" as a verb ("is your team hiring?", "hiring engineers", "anyone hiring in fintech"),
    # not as a noun modifier ("the hiring sprint", "your recruiting team")
    r"(?:hiring|recruiting)\b(?!\s+(?:managers?|team|leads?|partners?|coordinators?|committee|panel|process)\b)"
    r"(?=\s*(?:[.?!,;:)\u2014]|$)|\s+(?:for|at|in|on|again|right|now|soon|this|next|more|any|new|plans?|situation|"
    r"needs|outlook|prospects|colleagues|side|"
    rf"a|an|some|anyone|someone|somebody|or|and|too|yet|these|currently|externally|internally|{_PEOPLE})\b)|"
    r"recruitment\b(?!\s+(?:form|portal|process|team|coordinator|partner|drive|campaign|event|fair|agency))|applicants|"
    r"(?:if|whether|when|whenever|once)\s+(?:your|the)\s+(?:\w+\s+)?(?:team|company|group|department|org|firm)s?\s+"
    r"(?:ever\s+)?(?:grows?|expands?|scales?|adds?\s+(?:people|headcount)|(?:is|are)\s+(?:growing|expanding|scaling))\b|"
    r"(?:are|is)\s+(?:any\s+of\s+)?(?:your|the)\s+"
    r"(?:\w+\s+)?(?:team|company|group|department|org|firm)s?\s+(?:growing|expanding|scaling|adding\s+people)\b|(?:a\s+)?place\s+for\s+me|foot\s+in|what(?:'s|\u2019s|\s+is)\s+out\s+there|"
    r"referral\s+(?:to|at|into)\s+[A-Z]\w*|referrals|(?:in\s+front\s+of|to)\s+(?:your|the|a)\s+(?:recruit\w*|talent|hr|"
    r"hiring\s+(?:team|managers))|pair\s+of\s+hands|(?:comes?|came)\s+along|"
    # work as a job: "contract work", "any work going", "open to work", "job hunting", "on the market"
    r"(?:contract|freelance|consulting|part[- ]time|full[- ]time|remote|temp|temporary|seasonal|summer|paid|casual|"
    r"project|agency|locum|shift|holiday|weekend)\s+work\b|(?:any|some|more)\s+(?:\w+\s+)?work\s+(?:going|available|"
    r"on\s+offer|coming|for\s+me|my\s+way)|(?:open|available)\s+(?:to|for)\s+(?:work|hire|new\s+\w+)|#?opentowork|"
    r"(?:looking|searching|hunting|seeking)\s+for\s+(?:work|employment)|job[- ]?hunting|job\s+search\w*|"
    r"(?:back\s+)?on\s+the\s+(?:job\s+)?market|headcount|"
    # a job-flavoured "anything": "anything remote", "anything going", "anything for me", "anything at Google"
    r"(?:anything|something)\s+(?:\w+\s+)?(?:remote|hybrid|part[- ]time|full[- ]time|contract|freelance|"
    r"entry[- ]level|junior|senior|permanent|temporary|temp|going|suitable|relevant|appropriate|similar|fitting)\b|"
    r"(?:anything|something)\s+(?:for\s+(?:me|someone|a|an)\b(?!\s+to\b)|(?:[\w-]+\s+)?(?:at|with)\s+(?-i:[A-Z])\w+|"
    r"(?:[\w-]+\s+)?(?:at|with|in)\s+(?:your|ur)\s+(?:company|firm|org|organi[sz]ation|business|startup))|"
    r"land(?:ing)?\s+(?:at|with)\s+(?-i:[A-Z])|(?:with|to)\s+(?:your|ur)\s+(?:\w+\s+)?(?:leads|managers|bosses|"
    r"directors|heads\s+of\s+\w+)\b|"
    r"(?:hear|heard|know|knew|see|come\s+across|spot|find)\s+(?:of|about)\s+(?:anything|something)\b|"
    # a third party's need: "does your company take on interns", "is Acme taking on analysts"
    rf"(?:need|needs|needing|hire|hires|hiring|recruit|recruits|recruiting|take\s+on|takes\s+on|taking\s+on|"
    rf"bring\s+on|brings\s+on|bringing\s+on|bring\s+in|brings\s+in|bringing\s+in|looking\s+for|seeking|"
    rf"in\s+need\s+of|(?:any\s+)?need\s+(?:of|for)|could\s+use)(?!\s+(?:managers?|team|leads?|partners?|coordinators?|committee|panel|process)\b)\s+"
    rf"(?:an?\s+|another\s+|more\s+|some\s+|extra\s+|new\s+|any\s+)?(?:[\w-]+\s+)?{_PEOPLE}\b|"
    r"(?:need|needs|could\s+use|looking\s+for)\s+(?:extra|more|additional|an\s+extra)\s+(?:help|hands|people|support)\b|"
    r"(?:need|needs|could\s+use)\s+(?:a|an\s+extra|another|extra)\s+(?:hand|pair\s+of\s+(?:hands|eyes))\b|"
    r"short[- ]staffed|under[- ]?staffed|short[- ]handed|what(?:'s|\u2019s|\s+is)\s+going\s+(?:in|at)\b|"
    r"room\s+(?:on|in|at)\s+(?:your|ur|the)\s+(?:\w+\s+)?(?:team|company|firm|org|group|department|office)\s+for\b|"
    r"(?:graduate|grad|trainee|apprenticeship|internship|rotational|early[- ]careers?)\s+(?:schemes|programmes|programs)\b|"
    r"(?:any|an?|your)\s+(?:graduate|grad|trainee|apprenticeship|internship|rotational|early[- ]careers?)\s+(?:scheme|"
    r"programme|program)\b|"
    r"(?:need|needs|hiring|looking\s+for|seeking|recruiting)\s+(?:anyone|anybody|someone|somebody)\b(?!\s+to\b)|"
    r"(?:someone|somebody|people|a\s+person|anyone)\s+(?:with\s+my|like\s+me)\b|"
    r"(?:any|whichever|whatever)\s+(?:\w+\s+)?(?:team|department|group|division|function|org)\b(?![\s-]+(?:events?|members?|"
    r"lunch|offsites?|meetings?|outings?|culture|dynamics|size|work)\b)|"
    r"(?:start|begin|fit\s+in|slot\s+in)\s+anywhere|(?:welcome|appreciate|any|some)\s+leads\b|"
    r"(?:get|getting|find\s+my\s+way|found\s+my\s+way|way)\s+(?:me\s+)?(?:into|in\s+at|through\s+the\s+door)\s+(?:at\s+)?(?-i:[A-Z])\w+|"
    r"(?:grow|grows|growing|expand|expands|expanding|scale|scaling|build(?:ing)?\s+out)\s+(?:its|their|the|your|ur)\s+"
    r"(?:\w+\s+)?(?:team|function|department|org|group|division|practice)\b|(?:in|down)\s+the\s+pipeline\b|"
    r"(?:apply|land|start|work|fit|get\s+in|join|end\s+up)\s+(?:somewhere|anywhere)\b|"
    r"(?:any|some|a\s+few|more)\s+(?:\w+\s+)?(?:intros|introductions|connections)\b|"
    r"\bany\s+(?:chance|way|route|path|opportunity)\s+(?:to|of|into)\s+(?:work|join|get|break|be\s+part)|"
    r"(?:your|ur)\s+(?:\w+\s+)?(?:departments|teams|groups|divisions|offices|orgs)\b|"
    r"(?:about|on|regarding)\s+joining\s+(?:(?-i:[A-Z])\w+|(?:your|ur)\s+(?:company|firm|org|organi[sz]ation))|"
    r"(?:how|way)\s+to\s+get\s+(?:in|hired|my\s+foot)\b(?!\s+touch)|"
    r"(?:avenue|path|pathway|route|way\s+in|entry\s+point|door)\s+(?:for\s+me|in)\b|in\s+front\s+of\s+the\s+right\s+"
    r"(?:people|person|folks)|wherever\s+(?:I(?:'m|\s+am)\s+)?(?:needed|useful)|(?:let|tell|ask|ping|email|inform)\s+"
    r"(?:your\s+|the\s+)?(?:(?-i:HR)|recruiters|recruiting|talent\s+team|people\s+team)\b|"
    r"through\s+the\s+door|back\s+(?:into|to)\s+(?:the\s+)?(?:workforce|work)\b|return(?:ing)?\s+to\s+work|"
    r"(?:taking|accepting)\s+applications|(?:scope|room|space|capacity|a\s+spot|a\s+seat|a\s+slot)\s+for\s+"
    r"(?:me|someone|somebody|anyone|people|another|an?\s+|more|extra|one\s+more)|"
    # recipients that stand for hiring in general: "your recruiters", "your talent team", "hiring managers"
    r"(?:your|ur)\s+(?:\w+\s+)?(?:recruit\w*|talent(?:\s+acquisition)?|hr|people\s+team|hiring\s+(?:team|managers?|"
    r"folks|people))\b|hiring\s+managers|"
    r"(?:get|land|secure|score|arrange|set\s+up|line\s+up)\s+(?:me\s+)?(?:an?\s+|the\s+)?(?:(?:chance|opportunity|shot)\s+"
    r"(?:to|at|of)\s+)?(?:getting\s+)?(?:an?\s+)?interview|(?:chance|opportunity|shot)\s+(?:at|of)\s+(?:getting\s+)?"
    r"(?:an?\s+)?interview|"
    r"get\s+(?:in|hired)\s+(?:at|with|there)\b|get(?:ting)?\s+hired|break(?:ing)?\s+into\s+[A-Z]|"
    rf"(?:similar|comparable|equivalent|related|adjacent)\s+{_JOB}|{_JOB}\s+(?:like|similar\s+to)\s+(?:yours|mine|that|"
    r"the\s+one|what)|(?:suitable|vacant|permanent|temporary|academic|teaching|lecturing|fixed-term|junior|senior|entry-level|"
    r"graduate|part-time|full-time)\s+posts?\b|(?:take|taking|takes|bring|bringing)\s+me\s+on\b|"
    r"(?:eye\s+on|check|checking|watch|watching|monitor)\s+(?:the\s+|your\s+)?(?:careers?|jobs?)\s+(?:page|board|site|portal)|"
    r"seeking\s+(?:a\s+new|new|my\s+next|the\s+next|another)\s+(?:\w+\s+)?(?:opportunit(?:y|ies)|roles?|positions?|jobs?|"
    r"challenges?|moves?|steps?)\b|"
    r"(?:work|working)\s+(?:at|for|with)\s+(?:\w+\s+){1,3}?(?:one\s+day|someday|some\s+day|eventually|in\s+the\s+future|"
    r"at\s+some\s+point|down\s+the\s+(?:line|road))|(?:put|putting)\s+(?:me|my\s+name)\s+forward|put\s+forward\b|"
    r"put\s+in\s+a\s+(?:good\s+)?word|vouch\s+for\s+me|hat\s+in\s+the\s+ring|(?:refer|recommend)\s+me\s+internally"
)


_JOB_SEEKING = Branches([rf"\b(?:{b})" for b in split_branches(_JOB_SEEKING_SRC)], _I)

# what makes a sentence a request: a question, "could you", "please", "I'd love", "if", "hoping" ...
_ASK_CUES = split_branches(
    r"\?|\b(?:could|would|can|will|might|may)\s+(?:you|it\s+be\s+possible|there|I)|\bplease\b|\bkindly\b|\blet\s+me\s+know|"
    r"\b(?:I(?:'d|\u2019d|\s+would)\s+|would\s+)(?:love|appreciate|like|welcome|value|be\s+(?:grateful|thankful|thrilled|"
    r"happy|glad|keen|delighted|obliged|interested|open|up))|\b(?:if|whether|should|whenever|in\s+case)\b(?!\s+(?:applicable|possible|needed|necessary|so|not|any)\b)|"
    r"\bwhen\s+(?:you|your|ur|a|an|any|the\s+company|something|anything|there)\b|"
    r"\bdo\s+you\s+(?:know|think|happen|have)|\bany\s+(?:pointers|leads|tips|ideas|suggestions|chance|idea)\b|"
    r"\b(?:eager|keen|looking|want|wanting|happy|willing|glad)\s+to\b|\bhop(?:e|ing)\b|\bwonder(?:ed|ing)?\b|\bgrateful\b|\bappreciate\b|"
    r"\bmean\s+a\s+lot\b|\b(?:would|'d|\u2019d)\s+be\s+(?:amazing|great|ideal|perfect|wonderful|lovely|fantastic|brilliant|"
    r"awesome|appreciated|helpful|a\s+dream)|\ball\s+ears\b|\b(?:hit|ping)\s+me\b|\bfeel\s+free\b|\bmy\s+way\b|\bdream\b|"
    r"\b(?:know|knows)\s+(?:anyone|anybody|of)\b|\bopen\s+to\b|\bkeen\b|\bup\s+for\b|\binterested\s+in\b",
)
_ASK_CUE = Gated(dispatch(_ASK_CUES, _I), _I)
_DEFINITE = Gated(
    r"\b(?:the|this|that|your)\s+(?:(?:open|posted|advertised)\s+)?(?:role|position|opening|job|posting|application|req|"
    r"requisition|vacancy)\b(?!\s+(?:at|in|on)\s+(?:your|the)\s+(?:company|team|department))(?!\s+(?:market|search|hunt|"
    r"boards?|fairs?|sites?|seekers?|hunting|ladder|openings|opportunities|like|similar)\b)|"
    # "what you are looking for in your next hire": the one being hired for now
    r"\b(?:your|the|this)\s+next\s+(?:[\w-]+\s+){0,2}?hire\b",
    _I,
)

# a group of named jobs referred back to: "the two roles above", "both of those positions", "either of them"
_GROUP_REF = Gated(
    r"\b(?:(?:the|these|those)\s+(?:two|three|four|\d)\s+|(?:both|either|each|one|any)\s+of\s+(?:the|these|those)\s+"
    r"(?:two|three|four|\d\s+)?|(?:these|those)\s+)(?:[\w-]+\s+)?(?:roles|positions|openings|postings|jobs|reqs|"
    r"requisitions|vacancies)\b(?!\s+(?:at|on|in|across)\s+(?:your|the)\b)|\b(?:the\s+)?(?:roles|positions|openings|"
    r"postings|jobs)\s+(?:above|below|I\s+(?:mentioned|listed|linked|applied\s+(?:to|for)))\b",
    _I,
)
# a pronoun for a job named elsewhere in the email: "refer me for it", "for them", "for both", "for the same"
_PRONOUN_REF = Gated(
    r"\b(?:refer\w*|recommend\w*|introduc\w*|forward\w*|pass\w*|submit\w*|consider\w*|vouch\w*|appl(?:y|ying|ied)|"
    r"application|put\s+(?:me|my\s+name)\s+forward|(?:put\s+in\s+a\s+)?(?:good\s+)?word)\b[^.?!\n]{0,40}?"
    r"\b(?:for|to|with|about|on)\s+(?:it|them|both|either(?:\s+one)?|one\s+of\s+them|the\s+same)\b",
    _I,
)

# casual spellings ("lmk if ur team is hiring") read as their full words before the patterns run; matched in
# lower case (and capitalised at a sentence start) so "R" the language or "CO" the state stay as written
_CASUAL = {
    "u": "you", "ya": "you", "yu": "you", "ur": "your", "ppl": "people", "rn": "right now", "atm": "at the moment",
    "lmk": "let me know", "pls": "please", "plz": "please", "sth": "something", "smth": "something",
    "anythin": "anything", "hmu": "hit me up", "wanna": "want to", "opps": "opportunities", "opp": "opportunity",
    "oppty": "opportunity", "im": "I'm", "ive": "I've", "thx": "thanks", "w/": "with", "r": "are",
    "cuz": "because", "bc": "because", "id": "I'd",
}  # fmt: skip
_CASUAL_FORMS = {
    form: full for word, full in _CASUAL.items() for form in (word, word.capitalize())
} | {w.upper(): full for w, full in _CASUAL.items() if len(w) >= 3 and w.isalpha()}
_CASUAL_WORD = re.compile(
    r"(?<![\w'\u2019/.-])(?:"
    + "|".join(sorted(map(re.escape, _CASUAL_FORMS), key=len, reverse=True))
    + r")(?![\w'\u2019/-])(?![.]\w)"
)
# "lmk if ur hiring": "ur" before a verb or state is "you're"
_ID_ID = re.compile(  # "id love" is "I'd love"; "job id 4410" stays
    r"(?<!\s)\s+(?:love|like|take|be|appreciate|really|happily|gladly|want|prefer|welcome|jump|do|need)\b",
    _I,
)
_R_ARE = re.compile(r"(?<!\s)\s+(?:u|you|ya|ur|your|there|they|y'all|we)\b", _I)
_UR_YOURE = re.compile(r"(?<!\s)\s+(?:\w+ing|still|currently|not|open|free|able|interested)\b", _I)


def _decasual(sentence: str) -> str:
    """``sentence`` with text-speak ("u", "ur", "lmk", "ppl", "rn") spelled out; unchanged when there is none."""
    if not _CASUAL_WORD.search(sentence):
        return sentence

    def full(m: re.Match[str]) -> str:
        word = _CASUAL_FORMS[m.group()]
        if word == "your" and _UR_YOURE.match(sentence, m.end()):
            return "you're"
        if m.group() == "id":
            return "I'd" if _ID_ID.match(sentence, m.end()) else m.group()
        if m.group() in ("r", "R") and not _R_ARE.match(sentence, m.end()):
            return m.group()  # "R" the language; only "r u", "r there" is "are"
        return word

    return _CASUAL_WORD.sub(full, sentence)


# --------------------------------------------------------------------------- the steps
#
# Step 1 — is it the writer's request?  Quoted text, reported speech ("he asked if I could put in a good word"),
#          advice written about job seekers in general ("you shouldn't ask about any openings", "it's not about
#          getting a job") and the quoted part of a reply chain are not the writer's asks.
# Step 2 — what does it ask for?  Unspecified jobs by their nature (_ALWAYS_GENERIC), a vague ask (_VAGUE), or,
#          when the sentence asks (_ASK_CUE), jobs / hiring / a referral in general (_JOB_SEEKING).
# Step 3 — does it bind to one specific job?  The posting's title, a req id or link, "the X role", or a
#          definite reference ("the role", "this position").
# Step 4 — a job-seeking statement with no ask of its own ("I'm looking for a new role") counts only when the
#          email has no specific ask (see find_generic_asks).

STEP_SPEAKER = "1 writer's request"
STEP_ASKS = "2 asks for unspecified jobs"
STEP_STATEMENT = "4 job-seeking statement"

_QUOTED = re.compile(
    r"\u201c[^\u201d\n]{3,}\u201d|\"[^\"\n]{3,}\"|(?<![\w])'(?=[^'\n]*\s)[^'\n]{6,}'(?![\w])"
)
# reported speech: someone else asked / said / told (the writer reports it, does not ask it)
_REPORTED = Gated(
    r"\b(?:he|she|they|someone|somebody|my\s+\w+|the\s+\w+|a\s+friend|people|recruiters?|[A-Z][a-z]+)\s+"
    r"(?:\w+\s+)?(?:asked|told|said|says|mentioned|suggested|wrote|replied|offered|promised|explained|"
    r"called\s+me\s+up\s+and\s+asked)\b(?!\s+(?:me\s+)?to\s+(?:reach|contact|email|send|get\s+in\s+touch))|"
    # notes with the subject left out: "Offered to pass along my resume to the recruiting team."
    r"^\s*(?i:offered|promised|agreed|volunteered)\s+to\b"
)
# advice about job seekers in general: "you shouldn't inquire about ...", "you'll start by checking ...",
# "it's not about getting a job", "the best way is when ..."
_ADVICE = Gated(
    r"^\s*(?:(?:but|and|so|also|then|instead),?\s+)?(?:you(?:\s+|(?=['\u2019]))(?:should(?:n['\u2019]t|\s+not)?|shouldn['\u2019]t|"
    r"(?:'ll|\u2019ll|will)\s+(?:start|want|need|find|see|get)|need\s+to|must|have\s+to|might\s+want\s+to|can\s+(?:start|try))|"
    r"it(?:'s|\u2019s|\s+is)\s+not\s+about|the\s+(?:best|worst|easiest|first)\s+(?:way|thing|step)\b|"
    r"(?:never|don['\u2019]t|do\s+not|avoid)\s+(?:ask|say|write|send|inquire|start)\b|"
    r"if\s+you(?:'re|\u2019re|\s+are)\s+told\b)",
    _I,
)
# what the writer saw or heard, with no ask: "I see you have some openings you are deciding on"
_OBSERVED = Gated(
    r"^\s*(?:(?:so|and|also),?\s+)?I\s+(?:see|saw|noticed|notice|read|heard|hear|understand|know)\b(?:\s+that)?\s+"
    r"(?:you|your|the|there)\b",
    _I,
)
_FIRST_PERSON_ASK = re.compile(r"\b(?:me|my|I|I'm|I\u2019m|I'd|I\u2019d|myself)\b")
# the writer offers the reader people, not asks for a job: "happy to connect you with other developers if you're
# ever hiring"
_OFFER = Gated(
    r"\b(?:happy|glad|willing|able|keen|delighted)\s+to\s+(?:connect|introduce|refer|recommend|send|point)\s+you\s+"
    r"(?:to|with|towards)\b",
    _I,
)
_ME = re.compile(r"\b(?:me|my|mine|myself)\b", _I)
# someone else looking for a job, just before the job words: "I see you're looking for a developer job"
_OTHER_SEEKER = re.compile(
    r"\b(?:you(?:'re|\u2019re|\s+are)|(?:he|she|they)(?:'s|\u2019s|'re|\u2019re|\s+is|\s+are))\s+"
    r"(?:still\s+|currently\s+|now\s+|actively\s+)?(?:(?:looking|searching|hunting)\s+for\s+)?$",
    _I,
)
# the writer's own search, which is a statement (step 4), not a third party's need: "I'm looking for Software
# Engineer opportunities"
_SELF_SEEKER = re.compile(r"(?:\bI(?:'m|\u2019m|\s+am)|\bam)\s+(?:\w+\s+)?$", _I)
_SEEKING_WORD = re.compile(r"(?:looking|seeking|searching|hunting)\b", _I)
# a condition about the reader's hiring with no one in it asking for themselves: "If your team is hiring, you
# can help a fellow designer by sharing a role" (no I, me, my, let's anywhere, no request after the "if")
# (the main clause has a subject of its own, so it is not an imperative like "keep an eye out")
_CONDITION_ONLY = re.compile(
    r"^\s*(?:if|when|whenever)\b[^;:\u2014\n]{1,160}?[,;:\u2014]\s*(?:you\s+(?:can|could|may|might|should|will|would)|"
    r"the|a|an|this|that|these|those|it|its|there|they|their|he|she)\b",
    _I,
)
_ANY_FIRST_PERSON = re.compile(
    r"\b(?:I|me|my|mine|myself|we|us|our|let(?:'s|\u2019s))\b|\bI(?:'|\u2019)", _I
)
# step 4: the writer says they are looking, with no ask of their own
_STATEMENT = Gated(
    r"(?:\bI(?:'m|\u2019m|\s+am|\s+have\s+been|'ve\s+been|\u2019ve\s+been|\s+was)?|\b(?:am|and\s+am|now))\s+(?:\w+\s+){0,2}?(?:looking|seeking|"
    r"searching|hunting|exploring|gearing\s+up\s+to\s+look|ready\s+to\s+(?:land|join|start|make)|"
    r"(?:might|would|could)\s+be\s+interested\s+in\s+(?:a|an|new|other|some)|interested\s+in\s+(?:a\s+)?new|"
    r"(?:a\s+)?job\s+seeker|unemployed|between\s+(?:jobs|roles)|on\s+the\s+(?:job\s+)?market|available\s+for|"
    r"open\s+to\s+(?:new|a\s+new|other|opportunities|work))"
    r"[^.?!\n]{0,60}?\b(?:job|jobs|role|roles|position|positions|opportunit(?:y|ies)|challenge|work|employment|"
    r"company|companies|employer|employers|move|step|gig|career|market|transition)\b"
    r"|\bI(?:'m|\u2019m|\s+am)\s+(?:so\s+)?ready\s+to\s+land\s+at\b"
    # "I think I'd be a great fit at your company": a fit claimed for a company or team, no job named
    r"|\bI(?:'d|\u2019d|\s+would|'ll|\u2019ll|\s+will)\s+(?:be|make)\s+(?:a\s+)?(?:great|good|strong|valuable|perfect|excellent)\s+"
    r"(?:fit|addition|asset|hire)\s+(?:at|for|to|on|with)\s+(?:your|the)\s+(?:\w+\s+)?(?:company|team|firm|org|organi[sz]ation|group)\b"
    # wanting in, or value claimed for a team, with no job: "very interested in joining the team", "I want to get
    # on board", "my background could provide value for your data team", "a way to get involved with you"
    r"|\b(?:interested\s+in|excited\s+about|(?:want|wanting|love|like|eager|keen|hop(?:e|ing)|looking\s+forward)\s+to)\s+"
    r"(?:joining|join|be(?:ing)?\s+(?:a\s+)?part\s+of)\s+(?:the|your|ur)\s+(?:[\w-]+\s+)?(?:team|company|firm|org|organi[sz]ation)\b"
    r"(?!['\u2019-]|\s+for\s+(?:an?|the|lunch|dinner|drinks|coffee)\b|\s+(?:call|meeting|lunch|webinar|event|offsite)s?\b)"
    r"|\b(?:want|wanting|love|like|eager|keen|hop(?:e|ing))\s+to\s+(?:get|come|jump|hop)\s+on\s*board\b"
    r"|\b(?:find\s+a\s+way\s+to\s+)get\s+involved\s+with\s+(?:you|your\s+(?:\w+\s+)?(?:team|company))\b"
    r"|\b(?:could|can|would|will|might)\s+(?:provide|add|bring|create)\s+(?:real\s+|a\s+lot\s+of\s+|significant\s+|great\s+)?"
    r"value\s+(?:for|to)\s+(?:your|the)\s+(?:[\w-]+\s+)?(?:team|company|firm|org|organi[sz]ation|group)\b(?!['\u2019-])"
    # a fragment with the subject left out: "Looking for a referral at your company", "Seeking new opportunities"
    r"|^\s*(?:(?:currently|now|still|actively)\s+)?(?:looking|seeking|searching|hunting|exploring|open\s+to)\b[^.?!\n]{0,40}?"
    r"\b(?:job|jobs|role|roles|position|positions|opportunit(?:y|ies)|referral|work|employment|challenge)\b",
    _I,
)
# what a bare request for a referral / interview / help with no job looks like (step 2, asked with a cue)
_BARE_ASK = Gated(
    r"\b(?:refer(?:ral|ring)?\s+me\b(?!\s+(?:for|to)\s+(?:the|this|that|it)\b)|(?:a|your)\s+referral\b(?!\s+(?:for|to)\s+"
    r"(?:the|this|that)\b)(?!\s+(?:request|program|programme|bonus|link|code|fee|network|form|portal|system|process|scheme)\b)|vouch\s+for\s+me|put\s+in\s+a\s+(?:good\s+)?word|(?:tell|telling|mention|mentioning)\s+(?:your|the)\s+"
    r"(?:hiring\s+manager|manager|boss|recruiter|team)\s+about\s+me|interview\s+(?:at|with)\s+(?-i:[A-Z])\w+|"
    r"pitch\s+in\s+on\s+anything|help\s+out\b[^.?!]{0,30}\bany|new\s+challenge|"
    r"speak\s+(?:up\s+)?(?:for|on\s+behalf\s+of)\s+me|(?:be|act\s+as|serve\s+as)\s+(?:my|a)\s+(?:referrer|reference|referee|advocate)|"
    r"name\s+(?:you|me)\s+as\s+(?:my|your|the)\s+(?:referr\w*|referral|reference)|(?:recommend|endorse|advocate\s+for|champion)\s+me\b|"
    r"(?:a|your)\s+(?:recommendation|endorsement)\b(?!\s+(?:for|of)\s+(?:the|this|that)\b))",
    _I,
)


# help with a job that names none: a forward, an introduction, an interview. Fine in an email that names the
# job elsewhere ("Could you forward my resume to the hiring manager?"), generic in one that doesn't.
_HELP_ASK = Gated(
    r"\b(?:forward|pass|send|share|hand|get|put)(?:ing)?\s+(?:along\s+)?(?:my|the\s+attached)\s+(?:\w+\s+)?(?:resume|r\u00e9sum\u00e9|"
    r"cv|application|profile|details|portfolio|info)\b[^.?!\n]{0,20}?\b(?:to|with|in\s+front\s+of)\s+(?:the|your|a|an)\b|"
    r"\b(?:introduce|connect|intro)\s+me\s+(?:to|with)\s+(?:the|your|a|an)\s+(?:\w+\s+){0,2}?(?:hiring|recruit\w*|manager|lead|"
    r"head|director|team|talent|hr|people)\b|"
    r"\b(?:get|land|secure)\s+(?:me\s+)?(?:an?\s+)?interview\b|"
    r"\b(?:discuss(?:ing)?|talk(?:ing)?\s+about|explor(?:e|ing)|chat(?:ting)?\s+about|hear(?:ing)?\s+about)\s+(?:how|where|whether|ways)\s+I\s+(?:might|could|can|would)\s+"
    r"(?:contribute|fit|help|join|add\s+value|be\s+useful|bring)\b",
    _I,
)


# help for one job the sentence does not name: a referral, a word put in, "an opening"
_ONE_UNNAMED = re.compile(
    r"(?:refer|(?:a|your)\s+referral|vouch|put\s+in\s+a|speak|(?:be|act|serve)\s+as|name\s+(?:you|me)|recommend|endorse|"
    rf"advocate|champion|(?:a|your)\s+(?:recommendation|endorsement)|an?\s+(?:[\w-]+\s+){{0,2}}?{_JOB}\b)",
    _I,
)


# someone else's jobs, just before the job words: "in their job search", "his job", "her new role"
_THEIRS = re.compile(r"\b(?:their|his|her|friends['\u2019]?|others['\u2019]?)\s+(?:\w+\s+)?$", _I)


class AskVerdict(NamedTuple):
    """How :func:`classify_ask` read one sentence.

    ``generic`` — it asks about unspecified jobs (or, with ``statement``, says the writer is looking without
    asking). ``step`` and ``pattern`` name the step and pattern that decided; ``matched`` is the text that
    matched. ``uncertain`` marks a verdict from the broad fallback patterns or the statement step, the ones
    a model's second opinion is asked about (``validate(..., judge=...)``).
    """

    generic: bool
    step: str
    pattern: str
    matched: str
    uncertain: bool = False
    statement: bool = False
    names_job: bool = False
    implicit: bool = (
        False  # counts only when the email names no specific job (statements, bare help asks)
    )


_NOTHING = AskVerdict(False, "", "", "")
_NAMES_JOB = AskVerdict(False, "", "", "", names_job=True)


def _unquoted(sentence: str) -> str:
    return (
        _QUOTED.sub(lambda m: " " * len(m.group()), sentence)
        if ('"' in sentence or "\u201c" in sentence or "'" in sentence)
        else sentence
    )


def _not_the_writers(sentence: str) -> AskVerdict | None:
    """Step 1: a verdict when ``sentence`` is not the writer's own request, else None."""
    m = _REPORTED.search(sentence)
    if m and "?" not in sentence[m.end() :]:
        return AskVerdict(False, STEP_SPEAKER, "reported-speech", m.group(), uncertain=True)
    m = _OBSERVED.search(sentence)
    if m and not _ASK_CUE.search(sentence):
        return AskVerdict(False, STEP_SPEAKER, "observation", m.group(), uncertain=True)
    m = _ADVICE.search(sentence)
    if m and "?" not in sentence and not _FIRST_PERSON_ASK.search(sentence):
        return AskVerdict(False, STEP_SPEAKER, "advice", m.group(), uncertain=True)
    m = _OFFER.search(sentence)
    if m and not _ME.search(sentence):
        return AskVerdict(False, STEP_SPEAKER, "offer", m.group(), uncertain=True)
    m = _CONDITION_ONLY.match(sentence)
    if m and not _ASK_CUE.search(sentence, m.end()) and not _ANY_FIRST_PERSON.search(sentence):
        return AskVerdict(
            False, STEP_SPEAKER, "condition-only", m.group().split()[0], uncertain=True
        )
    return None


def _classify(sentence: str, title: str | None) -> AskVerdict:
    posting = _TitleOnly(title) if title else None
    sentence = _unquoted(_decasual(sentence))
    speaker = _not_the_writers(sentence)
    if speaker is not None:
        if names_specific_role(sentence, posting) or _DEFINITE.search(sentence):  # type: ignore[arg-type]
            return speaker._replace(names_job=True)
        return speaker
    bound = None  # step 3, computed once when needed

    def binds() -> bool:
        nonlocal bound
        if bound is None:
            bound = (
                names_specific_role(sentence, posting)  # type: ignore[arg-type]
                or _DEFINITE.search(sentence) is not None
                or _GROUP_REF.search(sentence) is not None
            )
        return bound

    # the posting's own title is never an unspecified job ("the Registered Nurse - Other role")
    hit = _ALWAYS_ANY.search(_title_masked(sentence, title))
    if hit:
        name = f"unspecified-job#{hit[0]}"
        if not _ASK_CUE.search(sentence) and _STATEMENT.search(sentence):
            # "I'm exploring new opportunities and came across the X opening": said, not asked (step 4)
            if binds():
                return _NAMES_JOB
            return AskVerdict(
                True, STEP_STATEMENT, name, hit[1].group(), uncertain=True, statement=True
            )
        return AskVerdict(True, STEP_ASKS, name, hit[1].group())
    hit = _VAGUE_ANY.search(sentence)
    if hit and _OTHER_SEEKER.search(sentence, max(0, hit[1].start() - 30), hit[1].start()):
        hit = None  # "I see you're looking for a developer job": the reader's search
    if hit:
        if binds():
            return _NAMES_JOB
        name = f"vague-ask#{hit[0]}"
        if not _ASK_CUE.search(sentence) and _STATEMENT.search(sentence):
            # "I've been busy looking for another job": said, not asked (step 4)
            return AskVerdict(
                True, STEP_STATEMENT, name, hit[1].group(), uncertain=True, statement=True
            )
        # "could you refer me?": the email may name the job in another sentence
        implicit = _ONE_UNNAMED.match(hit[1].group()) is not None
        return AskVerdict(True, STEP_ASKS, name, hit[1].group(), implicit=implicit)
    cue = _ASK_CUE.search(sentence)
    if cue is not None and not binds():
        if _PRONOUN_REF.search(sentence):
            # "refer me for it", "introduce me ... about it": the job named before
            return _NAMES_JOB
        m = _BARE_ASK.search(sentence) or _match(_JOB_SEEKING.search(sentence))
        if m and (
            _THEIRS.search(sentence, max(0, m.start() - 24), m.start())
            or _OTHER_SEEKER.search(sentence, max(0, m.start() - 30), m.start())
            or (
                _SEEKING_WORD.match(m.group()) is not None
                and _SELF_SEEKER.search(sentence, max(0, m.start() - 20), m.start())
            )
        ):
            # "help friends in their job search", "you're looking for a job": someone else's jobs; "I'm
            # looking for analyst roles": the writer's own search, a statement (step 4 below)
            m = None
        if m:
            # a referral, or one job not named here ("an opening at Acme I'm interested in"): the email may
            # name it in another sentence
            return AskVerdict(
                True,
                STEP_ASKS,
                "job-topic-with-ask",
                m.group(),
                uncertain=True,
                implicit=_ONE_UNNAMED.match(m.group()) is not None,
            )
        m = _HELP_ASK.search(sentence)
        if m:
            return AskVerdict(
                True, STEP_ASKS, "job-help-without-job", m.group(), uncertain=True, implicit=True
            )
    m = _STATEMENT.search(sentence)
    if m and not binds():
        return AskVerdict(
            True, STEP_STATEMENT, "looking-for-work", m.group(), uncertain=True, statement=True
        )
    return _NAMES_JOB if binds() else _NOTHING


def _title_masked(sentence: str, title: str | None) -> str:
    """``sentence`` with the posting's title, written as given, replaced by a neutral word."""
    if not title or not title.strip():
        return sentence
    return re.sub(re.escape(title.strip()), "Posting", sentence, flags=_I)


def _match(hit: tuple[int, re.Match[str]] | None) -> re.Match[str] | None:
    return hit[1] if hit else None


# each list searched as its alternation would be (the leftmost match wins, pattern N the first listed there),
# running only the patterns whose words occur in the sentence
_ALWAYS_ANY = Branches(_ALWAYS_GENERIC, _I)
_VAGUE_ANY = Branches(_VAGUE, _I)


class _TitleOnly:
    """The one field of a posting the sentence steps read (so verdicts can be cached by title)."""

    __slots__ = ("title",)

    def __init__(self, title: str) -> None:
        self.title = title


_cache_lock = threading.Lock()
_cache: dict[tuple[str, str | None], AskVerdict] = {}
_CACHE_MAX = 4096


def classify_ask(sentence: str, posting: JobPosting | None = None) -> AskVerdict:
    """Steps 1 to 3 (and the statement test of step 4) for one sentence; see the module docstring.

    Verdicts are cached by sentence and posting title (an email re-checked on every keystroke re-reads
    only the sentence that changed).
    """
    key = (sentence, posting.title if posting is not None else None)
    hit = _cache.get(key)
    if hit is not None:
        return hit
    verdict = _classify(sentence, key[1])
    with _cache_lock:
        if len(_cache) >= _CACHE_MAX:
            _cache.clear()
        _cache[key] = verdict
    return verdict


def _generic_match(sentence: str, posting: JobPosting | None) -> AskVerdict | None:
    v = classify_ask(sentence, posting)
    return v if v.generic else None


def is_generic_ask(sentence: str, posting: JobPosting | None = None) -> bool:
    """True when ``sentence``, read alone, asks about unspecified jobs (the ``generic-ask`` rule for one
    sentence; a job-seeking statement counts, as it would in an email with no specific ask)."""
    return classify_ask(sentence, posting).generic


def role_phrase(posting: JobPosting) -> str:
    """The posting as an ask should name it: "the Senior Data Engineer role (Req R-4821, https://...)"."""
    req = posting.req_id
    if req and not req.lower().startswith("req"):
        req = f"Req {req}"
    extra = [x for x in (req, posting.url) if x]
    noun = "" if posting.title.lower().rstrip().endswith((" role", " position")) else " role"
    return f"the {posting.title}{noun}" + (f" ({', '.join(extra)})" if extra else "")


def _suggestion(posting: JobPosting | None) -> str:
    if posting is None:
        return (
            "Ask about one job by its exact title, with the requisition id or posting link if you have it "
            "(for example: 'Would you be willing to refer me for the Data Analyst role, Req 1234?')."
        )
    return f"Name the exact job instead: 'Would you be willing to refer me for {role_phrase(posting)}?'"


_REPLY_HEADER = re.compile(
    r"^\s*(?:On\s[^\n]{3,200}\swrote:|-{2,}\s*(?:Original|Forwarded)\s+Message\s*-{2,}|From:\s.+)\s*$",
    _I | re.M,
)


def quoted_start(text: str) -> int:
    """Where the quoted part of a reply chain starts ("On ... wrote:", "-----Original Message-----"), or
    ``len(text)``."""
    m = _REPLY_HEADER.search(text)
    return m.start() if m else len(text)


def _is_quote_line(text: str, start: int) -> bool:
    line_start = text.rfind("\n", 0, start) + 1
    return text[line_start:start].lstrip().startswith(">")


def find_generic_asks(
    text: str, posting: JobPosting | None = None, *, spans: list[Span] | None = None
) -> list[Issue]:
    """``generic-ask`` errors: sentences of ``text`` that ask about unspecified jobs.

    Each issue spans the whole sentence and names the step and pattern that fired. With a ``posting`` the
    suggestion quotes its exact title (and req id / link); a sentence containing that title counts as
    naming the job. Quoted reply-chain text (``>`` lines, everything after "On ... wrote:") is not
    checked. A job-seeking statement with no ask of its own ("I'm looking for a new role") is reported only
    when no sentence of the email names a specific job. ``spans`` lets a caller reuse a sentence split.
    """
    return to_issues(generic_asks(text, posting, spans=spans))


def generic_asks(
    text: str, posting: JobPosting | None = None, *, spans: list[Span] | None = None
) -> list[Finding]:
    """:func:`find_generic_asks` as :class:`~referral_ai.findings.Finding` records (what
    :func:`~referral_ai.validators.validate` runs)."""
    return [
        ask_finding(s, v, posting)
        for s, v, counted in assess_asks(text, posting, spans=spans)
        if counted
    ]


def assess_asks(
    text: str, posting: JobPosting | None = None, *, spans: list[Span] | None = None
) -> list[tuple[Span, AskVerdict, bool]]:
    """Every sentence of ``text`` a step had something to say about: its span, its :class:`AskVerdict`,
    and whether it counts as a ``generic-ask`` (step 4 applied across the email)."""
    cut = quoted_start(text)
    seen: list[tuple[Span, AskVerdict]] = []
    specific = False
    for s in spans if spans is not None else split_sentences(text):
        if s.start >= cut or _is_quote_line(text, s.start):
            continue
        v = classify_ask(s.text, posting)
        if v.step:
            seen.append((s, v))
        if v.names_job:
            specific = True
    return [(s, v, v.generic and not ((v.statement or v.implicit) and specific)) for s, v in seen]


def generic_ask_findings(
    text: str, posting: JobPosting | None = None, *, spans: list[Span] | None = None
) -> list[tuple[Issue, AskVerdict]]:
    """:func:`find_generic_asks` with each issue's :class:`AskVerdict`."""
    return [
        (ask_issue(s, v, posting), v)
        for s, v, counted in assess_asks(text, posting, spans=spans)
        if counted
    ]


def ask_issue(s: Span, v: AskVerdict, posting: JobPosting | None) -> Issue:
    """The ``generic-ask`` issue for sentence ``s`` read as ``v``."""
    return ask_finding(s, v, posting).issue()


def ask_finding(s: Span, v: AskVerdict, posting: JobPosting | None) -> Finding:
    """The ``generic-ask`` finding for sentence ``s`` read as ``v``."""
    why = (
        "says you are looking for work without naming one job"
        if v.statement
        else "asks about unspecified jobs"
    )
    return Finding(
        code="generic-ask",
        severity=Severity.error,
        message=(
            f"This {why} (\u201c{v.matched.strip()}\u201d; step {v.step}, pattern {v.pattern}). A contact can't "
            "refer you to 'any opening'; ask about one specific posting so they can act on it."
        ),
        start=s.start,
        end=s.end,
        suggestion=_suggestion(posting),
    )
