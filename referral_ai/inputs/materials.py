"""Which application materials a posting asks for, and which ones a draft attaches or addresses.

Rules, not a model. A material counts as asked for when its name appears in a sentence that asks for
something (submit / include / please / required / optional / ...) or sits under a "How to apply"
style heading. Negated mentions ("no cover letter needed", "a cover letter is not required") are
dropped; mentions marked optional ("writing sample (optional)", "references are welcome") are kept
with ``required=False``; requests deferred to a later stage ("finalists will be asked for
references") are dropped. Eligibility ("must be authorized to work in the US") is not a material
unless the posting asks for proof of it.

Postings pasted from ATS pages (Workday, Greenhouse, Lever, iCIMS) often have no end punctuation:
a line break between list-like lines ends a sentence, web and e-mail addresses are masked before
any cue is read, and an optional/deferral marker binds to the material of its own clause
("SQL a plus" on one line says nothing about the resume on the next; "(if applicable)" marks the
item next to it).
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise, takewhile

from referral_ai.inputs.lexicon import _ATS_HOST
from referral_ai.models import Material, MaterialRequirement
from referral_ai.prefilter import PatternSet

__all__ = [
    "MATERIAL_PATTERNS",
    "MENTION_PATTERNS",
    "extract_materials",
    "mentioned_materials",
    "split_sentences",
]

_I = re.IGNORECASE

_CERT = r"(?:professional\s+)?(?:certifications?|certificates?|licen[cs]es?|credentials?)"
_AUTH = (
    r"(?:work\s+authori[sz]ation|authori[sz]ation\s+to\s+work|eligibility\s+to\s+work|right\s+to\s+work|"
    r"work\s+(?:permit|visa)|visa(?:\s+status)?|citizenship|residency|immigration\s+status)"
)

# Application systems a posting names as the way to apply ("Apply through Interfolio").
_APPLICATION_SYSTEMS = (
    r"(?:Interfolio|AcademicJobsOnline|Academic\s+Jobs\s+Online|MathJobs(?:\.org)?|USAJOBS|Workday|Taleo|"
    r"iCIMS|Greenhouse|Lever|Workable|SmartRecruiters|PeopleAdmin|Jobvite|BambooHR|SuccessFactors|"
    r"WaterlooWorks|Handshake|Varbi|Jobbnorge|ApplyWeb|Recruitee|Personio|Teamtailor|JazzHR|Ashby)"
)

# One pattern per material, tried longest-first; a span claimed by one material is not re-used.
MATERIAL_PATTERNS: dict[Material, re.Pattern[str]] = {
    Material.video: re.compile(
        r"\bvideo\s+(?:introduction|intro|cover\s+letter|message|pitch|submission|recording|application|"
        r"response|answer)s?\b|\b(?:short|brief|\d+[- ]minute|one[- ]minute|two[- ]minute)\s+"
        r"(?:\w+\s+)?video\b|\brecord\s+(?:a|yourself|an?\s+\w+)\b[^.]{0,40}\bvideo\b|\bloom\s+video\b|"
        r"\bvideo\b(?=[^.]{0,40}\bintroduc)",
        _I,
    ),
    Material.reference_letters: re.compile(
        r"\b(?:letters?|lett\w*)\s+of\s+(?:reference|recommendation|support)\b|"
        r"\b(?:reference|recommendation|recommender|support)\s+letters?\b|"
        r"\b(?:referees?|recommenders?|references?)\b[^.;]{0,50}?\b(?:send|submit|upload|write|email|"
        r"provide)\w*\b[^.;]{0,30}?\bletters?\b|"
        r"\bletters?\b[^.;]{0,30}\bfrom\s+(?:your\s+)?(?:\w+\s+)?(?:referees|recommenders|references)\b",
        _I,
    ),
    Material.teaching_statement: re.compile(
        r"\bteaching\s+(?:statement|philosophy(?:\s+statement)?|portfolio|dossier)\b|"
        r"\bstatement\s+of\s+teaching\b",
        _I,
    ),
    Material.research_statement: re.compile(
        r"\bresearch\s+(?:statement|proposal|plan|agenda\s+statement)\b|"
        r"\bstatement\s+of\s+(?:research|current\s+and\s+future\s+research)\b|"
        r"\b(?:project|research)\s+(?:proposal|description|outline)s?\b|"
        r"\bdescription\s+of\s+(?:an?\s+|the\s+|your\s+)?(?:planned\s+|proposed\s+|intended\s+)?research(?:\s+projects?)?\b|"
        r"\b(?:write-?up|summary|outline|description)\s+(?:of|stating|describing|outlining)\s+(?:an?\s+|the\s+|your\s+)?"
        r"(?:\w+\s+){0,2}?(?:project|research\s+idea|research\s+plan)s?\b|"
        r"\bstatement\s+of\s+research\s+interests?\b|\bresearch\s+interests?\s+statement\b",
        _I,
    ),
    Material.diversity_statement: re.compile(
        r"\b(?:diversity|DEI|inclusion|EDI)(?:\s*,\s*equity,?\s*(?:and|&)\s*inclusion)?\s+statement\b|"
        r"\bstatement\s+(?:on|of|describing|addressing)\s+(?:your\s+)?(?:contributions?\s+to\s+)?"
        r"(?:diversity|equity|inclusion|DEI)\b",
        _I,
    ),
    Material.cover_letter: re.compile(
        r"\bcover(?:ing)?[\s-]+letters?\b|\bletters?\s+of\s+(?:interest|intent|motivation|application)\b|"
        r"\bapplication\s+letters?\b|"
        r"\bmotivation(?:al)?\s+letters?\b|\bstatement\s+of\s+(?:interest|motivation|purpose)\b|"
        r"\bpersonal\s+statement\b|\bcover(?:ing)?\s+(?:note|email|e-mail)\b|\bletter\s+of\s+introduction\b|"
        r"\b(?:short|brief)\s+(?:note|paragraph|message)\s+(?:on|about|explaining|describing|telling\s+us)\s+"
        r"(?:why|your\s+interest|how\s+you)\b",
        _I,
    ),
    Material.screening_questions: re.compile(
        r"\b(?:screening|supplemental|supplementary|application|short[- ]answer|pre-?screen(?:ing)?|"
        r"knockout)\s+questions?\b|\bquestionnaire\b|"
        r"\b(?:answer|respond\s+to|reply\s+to|address)\s+(?:the|our|these|those|a\s+few|all|each\s+of\s+the|"
        r"(?:two|three|four|five|\d)|following)\s+(?:\w+\s+){0,2}questions?\b|"
        r"\bquestions?\s+(?:below|in\s+the\s+(?:form|application))\b|"
        r"\banswers?\s+to\s+(?:the\s+)?(?:following|these|those|our|all|each\s+of\s+the)\s+(?:\w+\s+){0,2}questions?\b",
        _I,
    ),
    Material.application_form: re.compile(
        # an online form, portal or recruitment system the application must go through
        r"\b(?:apply|applications?|submitted|submit|registered|register|uploaded|upload|accepted|made|received)\s+"
        r"(?:(?:must|should|will|can|are|is|be|only|all|the|documents?|\(s\))\s+){0,4}(?:online|on-line|electronically)\b|"
        r"\b(?:submitted|registered|uploaded|made|completed|delivered|apply|applications?|submit|register|upload)\s+(?:only\s+)?"
        r"(?:via|through|using|in|on)\s+(?:the\s+|our\s+|an?\s+)?(?:[\w'\u00b4\u2019./-]+\s+){0,5}?"
        r"(?:system|portal|website|web\s+site|platform|page|form|tool)\b|"
        r"\b(?:recruitment|recruiting|applicant\s+tracking|e-?recruitment|online\s+application|application)\s+(?:system|portal|platform)\b|"
        r"\bfollow\s+the\s+(?:link|url|address)(?:\s+(?:provided|given|below|above))?\b(?=[^.]{0,40}\bapply)|"
        # "To apply, visit the University of Memphis Work Forum": a named site must be used
        r"\bto\s+apply,?\s+(?:please\s+)?(?:visit|go\s+to)\s+(?:the\s+|our\s+)?[`'\"\u201c]?"
        r"(?:[A-Z][\w'.&-]*\s+(?:of\s+|for\s+)?){1,6}(?i:forum|portal|website|site|system|board)\b|\b(?:via|through|using)\s+the\s+(?:form|link)\s+(?:below|above)\b|"
        r"\b(?:select|click|press|use)\s+(?:on\s+)?(?:the\s+)?[\"']?apply(?:\s+(?:here|now|button|icon|link))?\b(?![\w\s]{0,12}mailto)|"
        r"\bto\s+apply,?\s+(?:please\s+)?(?:see|visit|go\s+to|follow|use)\s+(?:(?:the|our|this)\s+)?(?:[\w-]+\s+){0,3}?"
        r"(?:https?://|www\.|_{8}|(?:application|job|careers?)\s+(?:page|site|portal|link)\b)|"
        r"\bapplication\s*:\s*\[?(?:https?://|www\.|_{8})|"  # an address, or one masked by _mask_addresses
        # a job board's or an ATS's apply button, as a line of its own ("Apply with Indeed", "Apply on
        # company site"); a sentence about quick-apply that says what to send is read for that
        r"^\W*(?:apply\s+(?:now\s+)?(?:with|via|through|using)\s+(?:your\s+)?(?:indeed|linkedin|seek|glassdoor|ziprecruiter|"
        r"xing|stepstone)(?:\s+profile)?|apply\s+(?:now\s+)?(?:on|at|via)\s+(?:the\s+)?(?:company|employer)(?:'s)?\s+"
        r"(?:site|website|page)|easy\s+apply)\W*$|"
        # a named application system ("Apply through Interfolio", "submit ... via Workday")
        r"\b(?:apply|applications?|submit\w*|upload\w*|register\w*|received|accepted)\s+(?:(?:must|should|will|can|are|is|be|"
        r"only|online|your\s+application|all\s+(?:application\s+)?materials|materials|documents|them)\s+){0,4}"
        rf"(?:via|through|using|on|at|in)\s+(?:the\s+)?{_APPLICATION_SYSTEMS}\b|"
        rf"\bapplication\s+(?:method|portal|system)\s*:\s*(?:the\s+)?(?:{_APPLICATION_SYSTEMS}|online)\b|"
        r"\bcomplete\s+(?:an?\s+|the\s+|our\s+)?(?:online\s+)?application\b[^.\n]{0,120}?\b(?:portal|system|website)\b|"
        r"\bapplication\s+forms?\b|\b(?:complete|fill\s+(?:out|in)|submit)\s+(?:the|our)\s+(?:online\s+|short\s+)?"
        r"(?:application|form)\b(?!\s+(?:questionnaire|questions?))|\bonline\s+application\s+form\b",
        _I,
    ),
    Material.salary_expectations: re.compile(
        r"\b(?:salary|compensation|pay|rate|wage)\s+(?:expectations?|requirements?|history|requests?|range\s+you\s+expect)\b|"
        # "your expected salary (range)" asks; "the expected salary range for this role is ..." (pay
        # transparency) only states the employer's range
        r"\byour\s+(?:expected|desired|target|requested)\s+(?:annual\s+|base\s+)?(?:salary|compensation|pay|rate)\b|"
        r"\b(?:expected|desired|target|requested)\s+(?:annual\s+|base\s+)?(?:salary|compensation|pay|rate|day\s+rate|hourly\s+rate)\b"
        r"(?!\s+(?:ranges?|bands?|scales?|(?:is|are|will\s+be)\b|for\s+(?:this|the)\s+(?:role|position|job|post)\b))|"
        r"\b(?:your|an?)\s+(?:hourly|daily|day)\s+rate\b|"
        r"(?<=\bdate and )salary\b|(?<=\bavailability and )salary\b",
        _I,
    ),
    Material.transcripts: re.compile(
        r"\btranscripts?\b|\bacademic\s+records?\b|\bgrade\s+(?:reports?|cards?|sheets?)\b|\bmark\s*-?\s*sheets?\b|"
        r"\b(?:academic|educational)\s+testimonials\b|"
        r"\b(?:academic|educational|degree|university|school|diploma)\s+certificates?\b|"
        r"\bcop(?:y|ies)\s+of\s+(?:your\s+|the\s+)?(?:highest\s+|doctoral\s+|university\s+|academic\s+|phd\s+)?"
        r"(?:degrees?|diplomas?|doctorate)(?:\s*\(s\))?\b|\bdocumentation\s+of\s+(?:your\s+)?(?:approved\s+|completed\s+)?"
        r"(?:PhD|doctorate|degree)\b|\b(?:degree|diploma)\s+cop(?:y|ies)\b|"
        r"\bcertificates\b(?=[^.;]{0,60}\b(?:publications|transcripts)\b)|(?<=\bCV, )certificates\b",
        _I,
    ),
    Material.certifications: re.compile(
        rf"\b(?:copies|copy|scans?|proof|evidence)\s+of\s+(?:your\s+|any\s+|all\s+|relevant\s+|current\s+)*(?:[\w-]+\s+){{0,2}}{_CERT}|"
        rf"\b{_CERT}\s*\(\s*cop(?:y|ies)\s*\)|"
        rf"\b(?:upload|attach|submit|send|include|provide|enclose)\s+(?:your\s+|any\s+|all\s+|relevant\s+|current\s+)+(?:[\w-]+\s+){{0,2}}{_CERT}",
        _I,
    ),
    Material.work_authorization: re.compile(
        rf"\b(?:proof|evidence|documentation|documents?|copy|copies|confirmation)\s+(?:of|for|showing|proving)\s+"
        rf"(?:your\s+)?(?:\w+\s+)?{_AUTH}|\b{_AUTH}\s+(?:documents?|documentation|proof|papers)\b|"
        r"\bright[- ]to[- ]work\s+(?:check|documents?)\b",
        _I,
    ),
    Material.availability: re.compile(
        r"\b(?:your|earliest|possible|expected|anticipated|potential|proposed)\s+(?:earliest\s+|possible\s+|"
        r"expected\s+|anticipated\s+|potential\s+)*(?:availability|start(?:ing)?\s+date|date\s+of\s+availability)\b|"
        r"\bavailability\s+(?:to\s+start|date|for\s+(?:an?\s+)?(?:start|interview|call))\b|"
        r"\bwhen\s+you\s+(?:can|could|would\s+be\s+able\s+to|are\s+able\s+to)\s+start\b|\bnotice\s+period\b|"
        r"\bavailability\b(?=\s+(?:from|between|during|for\s+(?:the|a)\s+period)\b)",
        _I,
    ),
    Material.code_sample: re.compile(
        r"\bcode\s+samples?\b|\bsamples?\s+of\s+(?:your\s+)?(?:own\s+)?code\b|\bcoding\s+samples?\b|"
        r"\b(?:github|gitlab|bitbucket)\s+(?:profile|link|account|repo(?:sitory|sitories|s)?|url|handle)\b|"
        r"\b(?:links?|url)\s+to\s+(?:a\s+|your\s+)?(?:public\s+)?(?:code\s+)?repo(?:sitory|sitories|s)?\b|"
        r"\b(?:links?|url)\s+to\s+(?:your\s+)?(?:github|gitlab|bitbucket)\b|"
        r"\byour\s+(?:github|gitlab|bitbucket)\b(?!\s+actions)|"
        r"\bcode\s+you(?:'ve|\s+have)?\s+written\b|\bcode\s+you\s+wrote\b|\bopen[- ]source\s+contributions?\b",
        _I,
    ),
    Material.writing_sample: re.compile(
        r"\bwriting\s+samples?\b|\bsamples?\s+of\s+(?:your\s+)?(?:\w+\s+)?writing\b|"
        r"\bsamples?\s+of\s+(?:your\s+)?written\s+work\b|\b(?:selected|representative)\s+publications\b|"
        r"\b(?:PDFs?|cop(?:y|ies))\s+of\s+(?:your\s+)?(?:\w+\s+)?(?:selected\s+|representative\s+)?publications\b|"
        r"\b(?:published\s+)?clips\b|\bwriting\s+(?:exercise|portfolio)\b|\bpublished\s+(?:articles|pieces|work)\b|"
        r"\barticles?\s+you(?:'ve|\s+have)?\s+(?:written|published)\b|"
        # "up to 5 academic works that the applicant wishes to be considered"
        r"\b(?:academic|scientific|scholarly)\s+works\b",
        _I,
    ),
    Material.portfolio: re.compile(
        r"\bportfolios?\b|\bwork\s+samples?\b|\bsamples?\s+of\s+(?:your\s+)?(?:past\s+|previous\s+|recent\s+|best\s+)?"
        r"(?:design\s+)?work\b|\b(?:behance|dribbble)\b|\blinks?\s+to\s+(?:your\s+)?(?:past\s+|previous\s+|recent\s+)?work\b|"
        r"\bcase\s+stud(?:y|ies)\b|"
        # "links to two or three projects you are proud of", "links to things you have built"
        r"\blinks?\s+to\s+(?:(?:one|two|three|four|five|a\s+few|some|several|\d)\s+(?:or\s+\w+\s+)?)?"
        r"(?:of\s+)?(?:your\s+)?(?:(?:best|favou?rite|recent|past|side|open[- ]source|personal)\s+)?"
        r"(?:projects?|things\s+you(?:'ve|\s+have)\s+(?:built|made|shipped|written|designed))\b",
        _I,
    ),
    Material.references: re.compile(
        # "you will need to reference the Position ID": the verb is not a material
        # "quoting reference DE/9564", "job reference: HR-221", "Reference: Caterer": an identifier
        r"(?<!\bto )(?<!quoting )(?<!quote )(?<!quoting the )(?<!quote the )(?<!quote our )(?<!job )"
        r"(?<!vacancy )(?<!position )(?<!posting )(?<!post )"
        # "reference \u201cLibrarian \u2013 EXTERNAL\u201d in the subject line": the verb, quoting what to write
        r"\breferences?\b(?!\s+(?:number|no\.?|code|id|#|checks?|the\b|this\b|your\b|[\"\u201c\u2018']))"
        # "references to the literature" / "to our work" is not referees; "references to
        # jobs@acme.org" / "to us" / "to the hiring manager" is where they are sent (addresses are
        # read masked, as underscores: _mask_addresses)
        r"(?!\s+to\b(?!\s+(?:[\w.+-]+@|_{4}|us\b|me\b|hr\b|the\s+(?:hiring|search|selection|recruit\w*|"
        r"committee|address|e-?mail|contact|department\s+(?:office|secretary|administrator))\b)))"
        r"(?!\s*(?:[:#.]\s*)?(?:[A-Z]{1,6}[-/ ]?)?\d)(?<!\breference(?=\s*[:#]\s*(?!(?:names?|contacts?|details|letters?)\b)))|"
        r"\breferees?\b|"
        r"\b(?:names?|contact\s+(?:details|information|info))\s+(?:of|for)\s+(?:\w+\s+)?(?:professional\s+)?"
        r"(?:referees|references|people\s+who\s+can\s+vouch)\b",
        _I,
    ),
    Material.cv: re.compile(r"\bCVs?\b|\b(?i:curriculum\s+vitae)\b|\bC\.V\.", 0),
    Material.resume: re.compile(r"\br[eé]sum[eé]s?\b(?!\s+(?:work|operations|normal))", _I),
}

_NOT_A_PORTFOLIO = re.compile(
    # "extend our existing portfolio", "a growing portfolio of data projects": the employer's work
    r"\b(?:our|its|their|existing|growing|expanding|broad|wide|diverse)\s+(?:[\w-]+\s+)?portfolios?\b|"
    r"\b(?:investment|product|loan|client|credit|real\s+estate|property|asset|project|customer|brand|fund|"
    r"insurance|patent|account|equity|bond|managed|mortgage)s?\s+portfolios?\b|"
    r"\bportfolios?\s+(?:of\s+(?:\d+\s+|over\s+\d+\s+|\w+\s+)?(?:clients|accounts|products|brands|properties|"
    r"investments|companies|loans|assets|customers|programs|services|titles|funds|brands|stores|partners|"
    r"projects\s+to)|manager|management|companies|company|review|strategy|risk|analysis|analytics|"
    r"optimi[sz]ation|holdings|construction|performance)\b",
    _I,
)

# What a draft must say for a material to count as attached or addressed.
MENTION_PATTERNS: dict[Material, re.Pattern[str]] = {
    **MATERIAL_PATTERNS,
    Material.salary_expectations: re.compile(
        MATERIAL_PATTERNS[Material.salary_expectations].pattern
        + r"|\b(?:salary|compensation|base\s+pay|pay)\b|[$£€]\s?\d[\d,.]*\s?(?:k\b|K\b|000)?|"
        r"\b\d[\d,.]*\s?(?:k|K)?\s?(?:USD|EUR|GBP|CAD|dollars|per\s+(?:year|hour|annum))\b",
        _I,
    ),
    Material.availability: re.compile(
        MATERIAL_PATTERNS[Material.availability].pattern
        + r"|\b(?:available|free|able|ready)\s+to\s+start\b|\bcan\s+start\b|\bcould\s+start\b|"
        r"\bavailable\s+(?:from|starting|as\s+of|immediately|on(?!\s+request\b))\b|\bstart\s+(?:on|in|from)\s+(?:\w+\s+)?\d",
        _I,
    ),
    Material.code_sample: re.compile(
        MATERIAL_PATTERNS[Material.code_sample].pattern
        + r"|\b(?:github|gitlab|bitbucket)\.(?:com|org|io)/\S+|\bcode\s+(?:is\s+)?(?:at|on|here)\b|\brepository\b",
        _I,
    ),
    Material.portfolio: re.compile(
        MATERIAL_PATTERNS[Material.portfolio].pattern + r"|\b(?:behance\.net|dribbble\.com)/\S+",
        _I,
    ),
    Material.video: re.compile(
        MATERIAL_PATTERNS[Material.video].pattern
        + r"|\bvideo\b|\bloom\.com/\S+|\byoutu(?:\.be|be\.com)/\S+",
        _I,
    ),
    Material.screening_questions: re.compile(
        MATERIAL_PATTERNS[Material.screening_questions].pattern
        + r"|\b(?:answered|answers?\s+to|responses?\s+to|responded\s+to)\s+(?:the|your|all|each\s+of\s+the)\s+"
        r"(?:\w+\s+){0,2}questions?\b",
        _I,
    ),
    Material.application_form: re.compile(
        MATERIAL_PATTERNS[Material.application_form].pattern
        + r"|\b(?:completed|submitted|filled\s+(?:out|in))\s+(?:the|your|my)\s+(?:online\s+)?(?:application|form)\b|"
        r"\bapplied\s+(?:online|through|via|on)\b",
        _I,
    ),
    Material.certifications: re.compile(
        MATERIAL_PATTERNS[Material.certifications].pattern + rf"|\b{_CERT}\b",
        _I,
    ),
    Material.work_authorization: re.compile(
        MATERIAL_PATTERNS[Material.work_authorization].pattern
        + rf"|\b{_AUTH}\b|\bauthori[sz]ed\s+to\s+work\b|\bgreen\s+card\b|\bpermanent\s+resident\b|"
        r"\b(?:u\.?s\.?|us|uk|canadian|eu)\s+citizen\b|\b(?:no|not\s+need|without)\s+(?:visa\s+)?sponsorship\b|"
        r"\bsponsorship\b",
        _I,
    ),
    Material.references: re.compile(
        MATERIAL_PATTERNS[Material.references].pattern + r"|\bcan\s+(?:also\s+)?vouch\b",
        _I,
    ),
}

# --------------------------------------------------------------------------- sentence cues

_ASK = re.compile(
    r"\b(?:to\s+apply|application(?:\s+(?:method|portal|system))?(?=\s*:)|submit\w*|send\w*|sent|include\w*|attach\w*|enclos\w*|provid\w*|upload\w*|e-?mail\w*|share|forward|"
    r"apply\s+(?:with|on|at|via|through|using)|easy\s+apply|apply\w*\b[^.;]{0,80}?\bwith\b|accompan\w*|along\s+with|together\s+with|complete|fill\s+(?:out|in)|answer|respond|reply|"
    r"record|tell\s+us|let\s+us\s+know|indicate|state|list|specify|mention|note|give\s+us|contain|"
    r"required|require|requested|request|needed|need|must|please|ask\w*|would\s+like|'d\s+like|"
    r"(?:like|love)\s+to\s+(?:see|receive)|look\s+forward\s+to\s+receiving|expect\w*|due|welcome|encouraged|appreciated|optional|optionally|may|can|"
    r"feel\s+free|accepted|acceptable|be\s+(?:considered|reviewed|declined|rejected|returned)|bonus|plus|preferred|mandatory|necessary|essential|should|with\s+your\s+application|"
    r"don'?t|do\s+not|no\s+need|instead|applications?\s+(?:without|lacking|missing)|have\s+\w+\s+send|"
    r"we(?:'ll|\s+will)\s+(?:ask|need|want)|required\s*:|optional\s*:)\b",
    _I,
)
_NEGATION_BEFORE = re.compile(
    r"\b(?:no|not|never|don'?t|do\s+not|doesn'?t|does\s+not|without|nor|neither|skip|instead\s+of|"
    r"in\s+place\s+of|in\s+lieu\s+of|rather\s+than|no\s+need\s+(?:for|to\s+\w+)|won'?t\s+need|will\s+not\s+need|"
    r"needn'?t|need\s+not)\b(?:\W+\w+){0,5}?\W*$",
    _I,
)
_NEGATION_AFTER = re.compile(
    r"^[^.;]{0,40}?\b(?:(?:is|are)\s+not\s+|isn'?t\s+|aren'?t\s+|not\s+(?:be\s+)?|won'?t\s+be\s+|"
    r"will\s+not\s+be\s+|un)(?:required|needed|necessary|mandatory|requested|accepted|considered|read|"
    r"reviewed|expected)\b|"
    r"^\W{0,3}(?:not|no)\s+(?:required|needed|necessary|mandatory)\b",
    _I,
)
_CONDITION_LEAD = re.compile(
    r"^\W{0,3}if\s+you\s+(?:are|were|have\s+been|hold|graduated|completed)\b"
    r"(?![^,.;]{0,40}\b(?:interested|keen|excited|ready|applying)\b)",
    _I,
)
_OPTIONAL = re.compile(
    r"\boptional(?:ly)?\b|\bif\s+(?:you(?:'d|\s+would)\s+like|you\s+(?:have|like|wish|want|can|prefer)|"
    r"available|applicable|relevant|possible|any)\b|\bwelcome[ds]?\b|"
    r"\b(?:also\s+)?encouraged\b(?!\s+to\s+(?:submit|send|apply|e-?mail|forward)\b)|\balso\s+encouraged\b|\bappreciated\b|"
    r"\bnice[- ]to[- ]have\b|\bbonus\b|\b(?:a|is\s+a|are\s+a)\s+plus\b|\bpreferred\b|"
    r"\b(?:may|can|could)\s+(?:also\s+)?(?:include|submit|attach|send|add|share|provide|upload|enclose)\b|"
    r"\bfeel\s+free\b|\bat\s+your\s+discretion\b|\bwould\s+be\s+(?:nice|great|helpful)\b|\bnot\s+(?:strictly\s+)?"
    r"(?:required|mandatory|necessary)\s*(?:,\s*)?but\b|\bbut\s+not\s+(?:required|mandatory|necessary)\b|"
    r"\bhelpful\b|\boptional\s*:|\bif\s+you\s+have\s+(?:one|them|any)\b|\bwhere\s+(?:applicable|relevant|available)\b|"
    r"\bfor\s+(?:\w+\s+){1,4}only\b",
    _I,
)
# Markers that describe what precedes them ("SQL a plus", "cover letter preferred"); used before a
# material they need "to" or ":" ("you are welcome to send", "preferred: a portfolio").
_PREDICATE_MARKER = re.compile(
    r"(?:(?:a|is\s+a|are\s+a)\s+plus|preferred|welcome[ds]?|encouraged|appreciated|helpful|bonus|"
    r"nice[- ]to[- ]have|would\s+be\s+(?:nice|great|helpful)|optional|if\s+(?:available|applicable|relevant|"
    r"possible|any)|where\s+(?:applicable|relevant|available)|for\s+(?:\w+\s+){1,4}only|not\s+(?:strictly\s+)?"
    r"(?:required|mandatory|necessary)\s*(?:,\s*)?but|but\s+not\s+(?:required|mandatory|necessary))",
    _I,
)
_LIST_GAP = re.compile(
    r"[\s,]*(?:(?:and|or|and/or|&|/|plus)\s+)?(?:(?:a|an|the|your|any|some|one|two|three|\d+)\s+)?"
    r"(?:[\w-]+\s+){0,2}",
    _I,
)
_PAREN = re.compile(r"\(([^()]{0,80})\)")
_DEFERRED = re.compile(
    r"\b(?:later\s+(?:stage|in\s+the\s+process|on)|at\s+a\s+later|after\s+(?:the|your|an?)\s+(?:first\s+|initial\s+)?"
    r"(?:interview|screen|call)|(?:up)?on\s+request|if\s+(?:you\s+are\s+|you're\s+)?(?:shortlisted|selected|invited|"
    r"advanced)|finalists?|(?:short-?listed|selected|successful)\s+(?:candidates|applicants)|final\s+(?:stage|round)|before\s+an?\s+offer|"
    r"(?:will|may)\s+be\s+(?:requested|asked\s+for|required)\s+later|in\s+a\s+later\s+round|"
    r"(?:will|may)\s+(?:later\s+)?(?:request|ask\s+for)|upon\s+(?:an?\s+)?offer|next\s+(?:stage|round|step)|"
    r"(?:will|may|shall)\s+be\s+(?:solicited|obtained|collected|contacted)|to\s+be\s+(?:requested|solicited)|after\s+(?:the\s+)?(?:initial|first)\s+review|"
    r"(?:during|at|for)\s+(?:an?\s+|the\s+)?(?:possible\s+|potential\s+|eventual\s+)?(?:on-?campus\s+|in-?person\s+|on-?site\s+|final\s+|formal\s+)?"
    r"interviews?(?:\s+stage)?|if\s+an?\s+invitation\b|"
    r"at\s+the\s+time\s+of\s+(?:the\s+)?(?:interview|joining|appointment|hiring)|(?:up)?on\s+(?:appointment|selection|joining|hire)|"
    r"at\s+(?:the\s+)?(?:time\s+of\s+)?(?:joining|document\s+verification|verification)|if\s+(?:you\s+are\s+)?appointed)\b",
    _I,
)
# A sentence ending in a colon that introduces what to send ("The application must contain:",
# "... with the following application materials:"): the bullets under it are read as under a
# "How to apply" heading.
_APPLY_LEAD = re.compile(
    r"^(?!.*\b(?:responsib|dut(?:y|ies)|tasks?|you\s+will|you'll|qualif|skills?|requirements|experience|"
    r"offer|benefits?)\b).*\b(?:submit\w*|send|sent|upload\w*|attach\w*|enclos\w*|includ\w*|contain\w*|provid\w*|"
    r"e-?mail|materials|documents|following)\b",
    _I,
)
_APPLY_HEADING = re.compile(
    r"^(?:#+\s*)?(?:how\s+to\s+apply|to\s+apply|applying|apply(?:\s+now)?|application(?:\s+(?:materials|"
    r"requirements|process|instructions|checklist|package|documents))?|(?:required\s+|application\s+)?"
    r"materials|what\s+to\s+(?:send|submit|include)|submission(?:\s+(?:requirements|materials|guidelines))?|"
    r"required\s+documents|documents(?:\s+required)?|to\s+be\s+considered|"
    r"(?:required|optional|additional|supporting|supplemental)\s+(?:application\s+)?(?:materials|documents)|"
    r"please\s+(?:submit|send|include|provide|upload|attach|enclose)(?:\s+(?:the\s+following|these|us))?|"
    r"(?:submit|send|include|provide|upload|attach|enclose)\s+(?:the\s+following|these|us)(?:\s+(?:materials|"
    r"documents|items))?)\s*[:?]?\s*$",
    _I,
)
# "Required" / "Optional" alone head a list of materials only for lines that are little more than a
# material's name ("Resume", "Cover letter"); under a qualifications list they head skills.
_STATUS_HEADING = re.compile(r"^(?:required|optional)\s*:?$", _I)
_LABEL_PREFIX = re.compile(
    r"^(?:(?P<req>required(?:\s+(?:materials|documents))?|(?:application\s+)?materials(?:\s+required)?|"
    r"documents(?:\s+required)?|please\s+(?:submit|send|include)|(?:how\s+)?to\s+apply|submit|send|include)|"
    r"(?P<opt>optional(?:\s+(?:materials|documents))?|nice\s+to\s+have|bonus))\s*(?::|\s[\u2013\u2014-]\s)",
    _I,
)
_BULLET = re.compile(r"^\s*(?:[-*•·\u2013\u2014▪◦‣]|\d{1,2}[.)]|[a-z][.)])\s+")
_HEADING_LIKE = re.compile(r"^(?:#{1,6}\s+.*|[A-Z][^.!?]{0,60}[:?]?)$")  # "How to apply?"
# Keep abbreviations from ending a sentence.
_ABBREV = re.compile(
    r"\b(?:e\.g|i\.e|etc|vs|approx|incl|U\.S|U\.K|Dr|Mr|Ms|Mrs|Prof|Inc|Ltd|Co|No|St|Jr|Sr)\.$", _I
)
_SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]?\s+(?=[\"'(\[]?[A-Z0-9])")
_CLAUSE_SPLIT = re.compile(
    # (?<!\s): a match starts at the first space of a run, so a long run of spaces is read once
    r"(?<!\s)(?:\s*;\s*|\s*(?:,\s*)?\bbut\b\s*|\s*,\s*(?=(?:instead|however|though|although|while|whereas)\b)|"
    r"\s*\u2014\s*|\s+(?:\u2013|-)\s+|\s*,\s*(?=(?:please\s+)?(?:answer|include|send|submit|attach|provide|share|complete|"
    r"upload|record|tell|let\s+us|just)\b))",
    _I,
)
_ALTERNATIVE = re.compile(
    r"^\s*(?:,\s*)?(?:or|and/or|/)\s*(?:a\s+|an\s+|your\s+|some\s+|the\s+)?$", _I
)
_INCOMPLETE = re.compile(
    r"\b(?:applications?|submissions?|candidates?|applicants?|r[eé]sum[eé]s|CVs)\s+(?:without|lacking|missing|with\s+no|"
    r"(?:that|who|which)\s+(?:do\s+not|don'?t|fail\s+to|did\s+not)\s+(?:include|submit|provide|attach|contain))\b",
    _I,
)
_SKILL_CONTEXT = re.compile(
    r"\b(?:experience|familiarity|skills?|expertise|knowledge|background|proficiency|comfortable|track\s+record)"
    r"\s+(?:with|in|of|at|\w+ing)\b(?:\W+\w+){0,3}?\W*$",
    _I,
)
_ELIGIBILITY = re.compile(
    r"\b(?:must|should)\s+(?:be|have|hold)\b[^.]{0,40}\b(?:authori[sz]ed|eligible|citizen|clearance|right\s+to\s+work)\b",
    _I,
)


# Web and e-mail addresses: their dots, slashes and words ("/resume-upload") are not prose.
_ADDRESS = re.compile(
    r"\b(?:https?://|www\.)[^\s<>\"']*[^\s<>\"'.,;:!?)\]]|\b[\w.+-]{1,64}@[\w-]{1,63}(?:\.[\w-]{1,63}){0,8}\.[a-z]{2,24}\b",
    _I,
)


def _mask_addresses(sentence: str) -> str:
    """The sentence with every URL and e-mail address replaced by underscores (same length)."""
    return _ADDRESS.sub(lambda m: "_" * len(m.group()), sentence)


@dataclass(frozen=True)
class _Mention:
    material: Material
    start: int
    end: int


class _Patterns:
    """The pattern of each material, in order, tested together against one needle scan of a sentence."""

    def __init__(self, patterns: dict[Material, re.Pattern[str]]) -> None:
        self.materials = tuple(patterns)
        self.gate = PatternSet(list(patterns.values()))

    def candidates(self, text: str) -> list[tuple[Material, re.Pattern[str]]]:
        """The materials whose pattern may match ``text``, in order."""
        return [(self.materials[i], self.gate.patterns[i]) for i in self.gate.candidates(text)]


_ALL_PATTERNS = _Patterns(MATERIAL_PATTERNS)
_MENTION_PATTERNS = _Patterns(MENTION_PATTERNS)


def _mentions(sentence: str, patterns: _Patterns = _ALL_PATTERNS) -> list[_Mention]:
    """Material mentions in a sentence; a span claimed by an earlier (more specific) pattern is not re-used."""
    todo = patterns.candidates(sentence)
    if not todo:
        return []  # no pattern can match: nothing to claim or check
    claimed = bytearray(len(sentence))
    for q in _QUOTED.finditer(
        sentence
    ):  # a quoted title ("Resumé for Researchers") names no material
        claimed[q.start() : q.end()] = b"\x01" * (q.end() - q.start())
    found: list[_Mention] = []
    for material, pattern in todo:
        for m in pattern.finditer(sentence):
            if m.end() == m.start():
                continue
            if any(claimed[m.start() : m.end()]):
                continue
            if material is Material.portfolio and _NOT_A_PORTFOLIO.search(
                sentence[max(0, m.start() - 25) : m.end() + 40]
            ):
                continue
            claimed[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
            before = sentence[max(0, m.start() - _WINDOW) : m.start()]
            if _SKILL_CONTEXT.search(before):
                continue  # "experience writing research proposals": a skill, not something to send
            if (
                material in _WORK_PRODUCTS
                and _DUTY_BEFORE.search(before)
                and not _SEND.search(before)
            ):
                continue  # "you will produce case studies": a duty, not something to send
            if material is Material.availability and _STATED_AFTER.match(sentence, m.end()):
                continue  # "the expected start date is 1 March": the employer's date, not a request
            found.append(_Mention(material, m.start(), m.end()))
    found.sort(key=lambda x: x.start)
    return found


_QUOTED = re.compile(
    r"[\"\u201c\u201d\u201e\u00ab][^\"\u201c\u201d\u201e\u00ab\u00bb\n]{1,80}[\"\u201c\u201d\u00bb]"
)
# Work the job produces is not something to send with the application.
_WORK_PRODUCTS = {
    Material.portfolio,
    Material.writing_sample,
    Material.code_sample,
    Material.video,
    Material.research_statement,
}
_DUTY_BEFORE = re.compile(
    r"\b(?:you(?:'ll|\s+will)|will\s+(?:also\s+)?(?:be\s+)?|responsible\s+for|duties\s+include|help(?:s|ing)?\s+(?:to\s+)?|"
    r"produc\w*|creat\w*|develop\w*|draft\w*|publish\w*|curat\w*|maintain\w*|manag\w*|deliver\w*|"
    r"conduct\w*|lead\w*|oversee\w*|build\w*|design\w*|edit\w*)\s+(?:[\w,/-]+\s+){0,5}$",
    _I,
)
_SEND = re.compile(
    r"\b(?:submit|send|attach|upload|include|enclose|provide|share|apply\s+with|along\s+with|together\s+with|"
    r"please|application)\b",
    _I,
)
_STATED_AFTER = re.compile(
    r"(?<!\s)(?:\s*(?:is|will\s+be|was|:)\s+(?:\w+\s+){0,3}?(?:\d|[A-Z][a-z]+\s+\d|immediate)|\s*:\s*\d)"
)
_CONTINUES = re.compile(
    r"(?:\b(?:and|or|a|an|the|of|to|with|your|for|in|on|at|by|as|from|including|plus|any|our|&)|[,/(-])$",
    _I,
)


_LINE_ENDS = re.compile(r"[.!?:;,]['\")\]]?$")
_PREDICATE_END = re.compile(r"\b(?:a|is\s+a|are\s+a)\s+plus$", _I)


def _line_blocks(lines: list[str]) -> list[tuple[int, bool]]:
    """For each line: (widest line of its block, whether the block reads as a list of lines).

    A block is a run of non-blank, non-bullet lines. It reads as a list when it has two or more
    lines and every line starts with a capital letter or digit (hard-wrapped prose continues in
    lower case).
    """
    out: list[tuple[int, bool]] = [(0, False)] * len(lines)
    i = 0
    while i < len(lines):
        if not lines[i] or _BULLET.match(lines[i]):
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j] and not _BULLET.match(lines[j]):
            j += 1
        block = lines[i:j]
        width = max(len(b) for b in block)
        listy = len(block) >= 2 and all(b[:1].isupper() or b[:1].isdigit() for b in block)
        out[i:j] = [(width, listy)] * (j - i)
        i = j
    return out


def _line_ends_unit(prev: str, line: str, width: int, listy: bool) -> bool:
    """Whether the break after ``prev`` (no end punctuation) ends a sentence: a list-like line."""
    if re.search(r"[.!?]['\")\]]?$", prev) and _ADDRESS.match(line):
        return True  # a link on its own line after a sentence is not part of that sentence
    if _LINE_ENDS.search(prev) or not (line[:1].isupper() or line[:1].isdigit()):
        return False
    if _CONTINUES.search(prev) and not _PREDICATE_END.search(prev):
        return False
    # A line much shorter than the block's widest line was ended on purpose (not wrapped).
    return listy or len(prev) < 0.7 * width


def _is_heading(line: str, nxt: str | None) -> bool:
    if line.startswith("#"):
        return True
    if not _HEADING_LIKE.match(line) or len(line.split()) > 8 or _CONTINUES.search(line):
        return False
    # A hard-wrapped sentence continues on a line that starts in lower case.
    return not (nxt and nxt[:1].islower())


def split_sentences(text: str) -> Iterator[tuple[str, str | None, bool]]:
    """Yield ``(sentence, current_heading, is_bullet)`` for every sentence or bullet line of a document.

    A heading is a short line without a full stop (or a Markdown ``#`` line); bullets are their own
    units; other lines (hard-wrapped lines are joined) are split into sentences at ``. ! ?``, not after
    common abbreviations. A line without end punctuation also ends a sentence when the next line
    starts with a capital or digit and the line is clearly not wrapped: it is much shorter than the
    block's widest line, or every line of the block starts with a capital (a pasted list). A link on
    its own line after a sentence is a unit of its own.
    """
    heading: str | None = None
    lead: str | None = None  # "The application must contain:" introducing the bullets below it
    paragraph: list[str] = []
    lines = [ln.strip() for ln in text.splitlines()]
    blocks = _line_blocks(lines)

    def flush() -> Iterator[tuple[str, str | None, bool]]:
        nonlocal lead
        if paragraph:
            joined = " ".join(paragraph)
            paragraph.clear()
            last = ""
            for sentence in _sentences(joined):
                yield sentence, heading, False
                last = sentence
            lead = last if last.endswith(":") and _APPLY_LEAD.search(last) else None

    for i, line in enumerate(lines):
        if not line or re.fullmatch(r"[=\-_*~#\u2500\u2014]{3,}", line):
            yield from flush()
            continue
        if _BULLET.match(line):
            yield from flush()
            yield _BULLET.sub("", line).strip(), lead or heading, True
            continue
        if not paragraph:
            lead = None  # prose after the list: the list is over
        nxt = (
            next((ln for ln in lines[i + 1 :] if ln), None)
            if i + 1 < len(lines) and lines[i + 1]
            else None
        )
        if paragraph and _line_ends_unit(paragraph[-1], line, *blocks[i]):
            yield from flush()  # unpunctuated list-like lines: each line is its own sentence
        if not paragraph and _is_heading(line, nxt):
            stripped = line.strip("#*_ ").strip()
            # A short line is still a sentence ("Portfolio required"), and may be a heading too.
            if not line.startswith("#"):
                yield stripped, heading, False
                if _mentions(stripped):
                    continue  # "Resume" under "Application materials" is an item, not a new section
            heading = stripped.rstrip(":")
            if stripped.endswith(":") and _APPLY_LEAD.search(stripped):
                heading = stripped  # "The application must contain:" heads the list below it
            continue
        paragraph.append(line)
    yield from flush()


def _sentences(paragraph: str) -> Iterator[str]:
    start = 0
    for m in _SENTENCE_END.finditer(paragraph):
        if _ABBREV.search(paragraph[start : m.start()]):
            continue
        chunk = paragraph[start : m.start()].strip()
        if chunk:
            yield chunk
        start = m.end()
    tail = paragraph[start:].strip()
    if tail:
        yield tail


# "SQL a plus Submit your resume": a capitalised instruction mid-sentence starts a new clause.
_RESTART = re.compile(
    r"(?<=\))\s+(?=[A-Z][a-z]+\s+[A-Za-z])|"  # "(links are fine) Cobalt Health provides ..."
    r"(?<=[a-z0-9)])\s+(?=(?:Submit|Send|Include|Attach|Upload|Apply|Provide|Email|E-mail|Complete|"
    r"Please|Share|Enclose)\b)"
)


def _clauses(sentence: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    splits = sorted(
        [*_CLAUSE_SPLIT.finditer(sentence), *_RESTART.finditer(sentence)], key=lambda m: m.start()
    )
    for m in splits:
        if m.start() < start:
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(sentence)))
    return [(s, e) for s, e in spans if e > s]


_WINDOW = 120  # characters around a mention that its cues are looked for in


def _negated(sentence: str, mention: _Mention, clause: tuple[int, int], group_start: int) -> bool:
    before = sentence[max(clause[0], group_start - _WINDOW) : group_start]
    after = sentence[mention.end : min(clause[1], mention.end + _WINDOW)]
    return bool(_NEGATION_BEFORE.search(before) or _NEGATION_AFTER.search(after))


def _classify(
    sentence: str, heading: str | None, bullet: bool = False
) -> list[tuple[Material, bool, list[Material]]]:
    """(material, required, alternatives) for each material the sentence asks for."""
    sentence = _mask_addresses(sentence)
    mentions = _mentions(sentence)
    if not mentions:
        return []
    in_apply_section = bool(
        heading
        and (
            _APPLY_HEADING.match(heading) or (heading.endswith(":") and _APPLY_LEAD.search(heading))
        )
    ) or bool(heading and _STATUS_HEADING.match(heading) and len(sentence.split(maxsplit=4)) <= 3)
    label = _LABEL_PREFIX.match(sentence)
    asks = bool(_ASK.search(sentence)) or in_apply_section or bool(label)
    if not asks:
        return []
    # "must be authorized to work" is a condition; only a request for documents is a material.
    if (
        _ELIGIBILITY.search(sentence)
        and all(m.material is Material.work_authorization for m in mentions)
        and not re.search(
            r"\b(?:proof|documentation|documents?|copy|copies|evidence)\b", sentence, _I
        )
    ):
        return []
    # "If you are less than 2 years out of college, please also include a transcript": asked of
    # some applicants only
    sentence_optional_label = bool(label and label.group("opt")) or bool(
        _CONDITION_LEAD.match(sentence)
    )
    clauses = _clauses(sentence)
    # Clauses that start a new instruction or statement ("... Submit ...", "...) Cobalt Health ...")
    # are not read as a comment on the clause before them, nor it on them.
    restarts = {m.end() for m in _RESTART.finditer(sentence)}
    hard = {i for i, (s, _) in enumerate(clauses) if s in restarts}

    clause_starts = [s for s, _ in clauses]

    def clause_of(m: _Mention) -> int:
        return max(0, bisect.bisect_right(clause_starts, m.start) - 1)

    first_in_clause: dict[int, int] = {}
    for m in mentions:
        first_in_clause.setdefault(clause_of(m), m.start)

    # Group mentions joined by "or" ("a portfolio or code sample"): one requirement, alternatives.
    groups: list[list[_Mention]] = []
    for m in mentions:
        if groups and clause_of(groups[-1][-1]) == clause_of(m):
            between = re.sub(r"\([^()]*\)", " ", sentence[groups[-1][-1].end : m.start])
            if _ALTERNATIVE.match(between):
                groups[-1].append(m)
                continue
        groups.append([m])

    clause_has_material = {clause_of(m) for m in mentions}
    marker_text, paren_optional = _paren_markers(sentence, groups)
    mention_starts = [m.start for m in mentions]
    short = len(sentence.split(maxsplit=6)) <= 6
    out: list[tuple[Material, bool, list[Material]]] = []
    for gi, group in enumerate(groups):
        first = group[0]
        ci = clause_of(first)
        # A clause with no material of its own ("..., but not required") speaks about the previous one.
        scope_end = ci + 1
        while (
            scope_end < len(clauses)
            and scope_end not in clause_has_material
            and scope_end not in hard
        ):
            scope_end += 1
        scope = (clauses[ci][0], clauses[scope_end - 1][1])
        # Negation before the first item of a list applies to the list ("no cover letter or references").
        list_start = min(first.start, first_in_clause.get(ci, first.start))
        # A negation after the group speaks about it unless another material comes first that is not
        # part of the same list ("Submit resume (cover letter not required)").
        after_end = scope[1]
        if gi + 1 < len(groups) and groups[gi + 1][0].start < after_end:
            gap = sentence[group[-1].end : groups[gi + 1][0].start]
            if not _LIST_GAP.fullmatch(gap):
                after_end = groups[gi + 1][0].start
        negated = any(
            _negated(sentence, m, (scope[0], after_end), list_start if m is first else m.start)
            for m in group[:1]
        )
        if not negated and first.start != list_start:
            negated = bool(
                _NEGATION_BEFORE.search(sentence[max(scope[0], list_start - _WINDOW) : list_start])
            )
            # Its own negation, after the previous material ("resume only, no cover letter needed").
            idx = bisect.bisect_left(mention_starts, first.start)
            prev_end = max(scope[0], mentions[idx - 1].end if idx > 0 else 0)
            negated = negated or bool(
                _NEGATION_BEFORE.search(
                    sentence[max(prev_end, first.start - _WINDOW) : first.start]
                )
            )
        # A leading clause without a material ("If you'd like, add ...") sets the tone of the next one.
        back = ci
        while back > 0 and (back - 1) not in clause_has_material and back not in hard:
            back -= 1
        lo = max(clauses[back][0], first.start - _WINDOW)
        hi = min(scope[1], group[-1].end + _WINDOW)
        scope_text = sentence[lo:hi]
        deferred = _DEFERRED.search(scope_text)
        if deferred and not any(
            group[-1].end <= other.start < lo + deferred.start()
            for other in mentions
            if all(other is not g for g in group)
        ):
            # "references will be requested from finalists" (this clause only); a deferral after
            # another material binds to that one ("names of three references for letters of
            # recommendation to be requested": the letters come later, the names now)
            continue
        optional = (
            sentence_optional_label
            or id(group) in paren_optional
            or _marker_binds(marker_text, lo, hi, gi, groups)
            or bool(
                (bullet or short)
                and heading
                and re.search(r"\b(?:optional|nice\s+to\s+have|bonus)\b", heading, _I)
                and not re.search(r"(?<!not\s)\brequired\b", scope_text, _I)
            )
        )
        if negated and _INCOMPLETE.search(sentence[max(0, first.start - _WINDOW) : first.start]):
            negated = False  # "applications without a cover letter will not be considered"
        if negated and not optional:
            continue
        materials = [m.material for m in group]
        primary = materials[0]
        alternatives = [x for x in dict.fromkeys(materials[1:]) if x is not primary]
        out.append((primary, not optional, alternatives))
    return out


def _paren_markers(sentence: str, groups: list[list[_Mention]]) -> tuple[str, set[int]]:
    """Blank out parentheses for the optional-marker search; bind "(optional)"-style ones to one group.

    "(PDF preferred)" says nothing about whether the material is optional, so parentheses are
    blanked. One that starts with a marker ("(optional)", "(if applicable)") marks the material
    right before it ("writing sample (optional)", "a short note on why you're interested
    (optional)") or, when a list boundary comes first, the one right after it ("and (if
    applicable) a link to your GitHub"). Returns the blanked text and the ids of marked groups.
    """
    marked: set[int] = set()
    ends = [g[-1].end for g in groups]
    starts = [g[0].start for g in groups]
    for p in _PAREN.finditer(sentence):
        if not _OPTIONAL.match(p.group(1).strip()):
            continue
        bi = bisect.bisect_right(ends, p.start()) - 1
        if bi >= 0:
            gap = sentence[ends[bi] : p.start()]
            if not re.search(r"[,;]|\b(?:and|or)\b", gap, _I) and len(gap.split()) <= 4:
                marked.add(id(groups[bi]))
                continue
        ai = bisect.bisect_left(starts, p.end())
        if ai < len(groups) and len(sentence[p.end() : starts[ai]].split()) <= 3:
            marked.add(id(groups[ai]))
    blanked = _PAREN.sub(lambda m: "(" + " " * (len(m.group()) - 2) + ")", sentence)
    return blanked, marked


# "Candidates can send ...", "Applicants may submit ..." (no "also"): the instruction itself.
_APPLICANTS_CAN = re.compile(
    r"\b(?:candidates|applicants)\s+(?:can|may)\s+(?:send|submit|upload|e-?mail)$", _I
)


def _marker_binds(text: str, lo: int, hi: int, gi: int, groups: list[list[_Mention]]) -> bool:
    """Whether an optional marker in ``text[lo:hi]`` speaks about group ``gi``.

    A marker before the group binds when it leads ("optionally include", "if you'd like, add",
    "you are welcome to send", "preferred: ..."); one that describes what precedes it ("SQL a plus",
    "cover letters are welcome") does not reach forward. A marker after the group binds when the
    groups between them form one list ("a portfolio or writing samples are welcome"); after a
    singular "is" only the nearest group ("your resume, and a portfolio is a plus"). A leading
    marker with a material after it speaks about that one, not the ones before.
    """
    group = groups[gi]
    for m in _OPTIONAL.finditer(text, lo, hi):
        if _APPLICANTS_CAN.search(text, max(0, m.start() - 40), m.end()):
            continue  # "Candidates can send their CV and the form to ...": how to apply, not a choice
        predicate = bool(_PREDICATE_MARKER.fullmatch(m.group().strip()))
        leads = not predicate or bool(re.match(r"\s*(?:to\b|:)", text[m.end() : m.end() + 4], _I))
        if m.end() <= group[0].start:
            if leads:
                return True
            continue
        if m.start() < group[-1].end:
            return True  # inside the group ("portfolio or, if you have one, code sample")
        near = list(takewhile(lambda g: g[0].start < hi, groups[gi + 1 :]))
        later = [g for g in near if g[0].start < m.start()]
        if leads and any(g[0].start >= m.end() for g in near):
            continue  # "send your resume and, if you'd like, a portfolio"
        chain = [group, *later]
        connected = all(
            _LIST_GAP.fullmatch(text[a[-1].end : b[0].start]) for a, b in pairwise(chain)
        )
        if not connected:
            continue
        if not later and re.search(r",\s*(?:and|or)\s", text[group[-1].end : m.start()], _I):
            continue  # "a teaching statement, and evidence of teaching, if any": another item's marker
        if later and re.search(r"\bis\b", text[chain[-1][-1].end : m.end()], _I):
            continue  # "..., and a portfolio is a plus": only the portfolio
        if later and re.match(r"(?:if|where|for)\b", m.group(), _I):
            continue  # "resume, cover letter, and a portfolio if applicable": a condition on the last
        return True
    return False


# An application form copied with the page (Greenhouse, Lever, Workable): field labels, a star on
# the required ones ("Resume/CV *", "Email ✱"), file controls under the file fields ("Attach",
# "Upload a file", "Dropbox").
_FORM_FIELD = re.compile(
    r"^(?P<label>[^*\u2731]{2,60}?)\s*(?P<mark>\*|\u2731|\((?:required|mandatory)\)|\(optional\))?\s*$",
    _I,
)
_FILE_CONTROL = re.compile(
    r"^(?:attach(?:\s+[\w/ ]{0,30})?|upload(?:\s+(?:a|your)\s+file)?(?:\s+or\s+drag.*)?|choose\s+(?:a\s+)?file|"
    r"browse(?:\s+files?)?|drop\s+files?\s+here.*|drag\s+(?:and|&)\s+drop.*|dropbox|google\s+drive|"
    r"enter\s+manually|paste|accepted\s+file\s+types.*|no\s+file\s+chosen)$",
    _I,
)
_FORM_LABEL_WORDS = 5
"""A form field's label is a few words ("Resume/CV", "Cover Letter"), not a sentence."""


# An apply link to a form service ("Apply For System Engineer (https://docs.google.com/forms/...)"):
# the application goes through that online form.
_FORM_LINK = re.compile(
    r"\bapply\b[^\n]{0,80}?(?:https?://)?(?:docs\.google\.com/forms|forms\.gle|forms\.office\.com|"
    r"[\w-]+\.typeform\.com|(?:www\.)?jotform\.com|tally\.so|airtable\.com/shr)|"
    # "Apply: https://jobs.ashbyhq.com/...", "[Apply here](https://jobs.example.ac.uk/..._apply?..)":
    # an applicant-tracking system's page, or a careers site's apply page, the application goes
    # through (a careers site's page about the job is not one)
    rf"^\W{{0,3}}apply(?:\s+(?:here|now|online))?\W{{0,3}}\s*(?::\s*)?(?:<a\s+href=[\"']|\]\(|\(?)"
    rf"https?://(?:[\w.-]*(?:{_ATS_HOST.pattern})|(?:jobs|careers|recruiting)\.[^\s\"'<>)]{{0,200}}?apply)",
    _I | re.M,
)


def _form_fields(text: str) -> list[tuple[Material, bool, list[Material], str]]:
    """(material, required, alternatives, label line) of the file fields of an application form
    copied with the posting: starred or "(required)" fields are required, the others optional.
    Nothing unless the text holds a form (two starred fields, or a file control)."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    starred = sum(
        1 for ln in lines if (m := _FORM_FIELD.match(ln)) and m.group("mark") in {"*", "\u2731"}
    )
    controls = sum(1 for ln in lines if _FILE_CONTROL.match(ln))
    if starred < 2 and not controls:
        return []
    out: list[tuple[Material, bool, list[Material], str]] = []
    for i, line in enumerate(lines):
        field = _FORM_FIELD.match(line)
        if field is None or _FILE_CONTROL.match(line):
            continue
        label = field.group("label").strip()
        mark = (field.group("mark") or "").lower()
        if len(label.split()) > _FORM_LABEL_WORDS or label.endswith((".", ":")):
            continue
        follows = any(_FILE_CONTROL.match(ln) for ln in lines[i + 1 : i + 2])
        if not (mark or follows):
            continue
        mentions = _mentions(label)
        if not mentions or (not follows and mark == "(optional)"):
            continue
        materials = list(dict.fromkeys(m.material for m in mentions))
        required = mark in {"*", "\u2731", "(required)", "(mandatory)"}
        out.append((materials[0], required, materials[1:], line))
    return out


_ROUTE = re.compile(
    rf"\b(?:via|through|using|on|at|in)\s+(?:the\s+)?(?P<system>{_APPLICATION_SYSTEMS})\b|"
    rf"\b(?i:application\s+(?:method|portal|system))\s*:\s*(?P<label>{_APPLICATION_SYSTEMS})\b|"
    r"\b(?:via|through|using|on|at)\s+(?:the\s+)?(?P<named>[A-Z][\w'.&-]*(?:\s+(?:[A-Z][\w'.&-]*|of|for|and)){0,5}?"
    r"\s+(?:careers?\s+|e-?recruitment\s+|recruitment\s+|online\s+|job\s+)?(?:portal|system|website|platform))\b"
)


def application_route(source: str) -> str | None:
    """The application system a posting's sentence names ("Interfolio", "WaterlooWorks", "the
    University of Sydney careers website"), for a letter to say where it applies; None when the
    sentence names none."""
    m = _ROUTE.search(source)
    if m is None:
        return None
    if m.group("named"):
        return f"the {m.group('named')}"
    return m.group("system") or m.group("label")


def extract_materials(text: str) -> list[MaterialRequirement]:
    """Materials the posting asks applicants to send, required and optional, with the asking sentence.

    One entry per material (a required mention wins over an optional one); ``X or Y`` becomes one
    entry for X with ``alternatives=[Y]``. Order follows the posting.
    """
    found: dict[Material, MaterialRequirement] = {}
    covered_as_alternative: set[Material] = set()
    for sentence, heading, bullet in split_sentences(text):
        source = sentence.strip()
        asked = _classify(sentence, heading, bullet)
        if any(m is Material.reference_letters for m, _, _ in asked):
            # "letters of reference ... sent by the referees": the referees are not a second material
            asked = [a for a in asked if a[0] is not Material.references]
        for material, required, alternatives in asked:
            current = found.get(material)
            if current is None or (required and not current.required):
                found[material] = MaterialRequirement(
                    material=material,
                    source=source,
                    required=required,
                    alternatives=alternatives,
                    count=_count(sentence, material),
                )
            covered_as_alternative.update(alternatives)
    link = _FORM_LINK.search(text)
    if link and Material.application_form not in found:
        line_start = text.rfind("\n", 0, link.start()) + 1
        line_end = text.find("\n", link.end())
        found[Material.application_form] = MaterialRequirement(
            material=Material.application_form,
            source=text[line_start : line_end if line_end >= 0 else len(text)].strip(),
            required=True,
        )
    for material, required, alternatives, source in _form_fields(text):
        current = found.get(material)
        if current is None or (required and not current.required):
            found[material] = MaterialRequirement(
                material=material, source=source, required=required, alternatives=alternatives
            )
        covered_as_alternative.update(alternatives)
    # A material named only as an alternative of another one is not a separate requirement.
    return [
        req
        for req in found.values()
        if req.material not in covered_as_alternative or req.alternatives
    ]


_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10,
}  # fmt: skip
_NUMBER = r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)"
_UNIT_AFTER = r"(?!(?:-|\s+)?(?:pages?|minutes?|years?|words?|paragraphs?|months?|weeks?|days?|hours?|mb|kb)\b)"
_COUNT_BEFORE = re.compile(
    rf"\b(?P<n>{_NUMBER}){_UNIT_AFTER}(?:\s+or\s+more)?\s+(?:[\w-]+\s+){{0,5}}[\w-]+$", _I
)
_COUNT_AFTER = re.compile(
    rf"^\s*(?:[\w-]+\s+){{0,2}}\(\s*(?:at\s+least\s+|minimum\s+(?:of\s+)?)?(?P<n>{_NUMBER})(?:\s+or\s+more)?\s*\)",
    _I,
)


def _count(sentence: str, material: Material) -> int | None:
    """How many of ``material`` the sentence asks for ("three writing samples", "contact info for 3
    references", "List of references (three or more)"), or None when it gives no number."""
    masked = _mask_addresses(sentence)
    m = MATERIAL_PATTERNS[material].search(masked)
    if not m:
        return None
    window = masked[max(0, m.start() - 40) : m.end()]
    before = _COUNT_BEFORE.search(window)
    if before and re.search(
        r"[,;:]|\b(?:and|or)\b", window[before.end("n") : len(window) - len(m.group())], _I
    ):
        before = None  # "three writing samples and a CV": the number counts another item
    after = _COUNT_AFTER.match(masked[m.end() : m.end() + 60])
    hit = before or after
    if hit is None:
        return None
    word = hit.group("n").lower()
    n = int(word) if word.isdigit() else _NUMBERS[word]
    return n if 1 <= n <= 20 else None


_MENTION_NEGATION = re.compile(
    r"\b(?:no|not|don'?t|do\s+not|doesn'?t|without|haven'?t|have\s+not|lack|never)\b(?:\W+\w+){0,3}?\W*$",
    _I,
)


_RESTATES = re.compile(
    r"\b(?:asks?\s+for|asked\s+for|requires?|required|requests?|requested|calls?\s+for|wants?|needs?|"
    r"(?:is|are)\s+(?:needed|due|expected)|the\s+(?:posting|listing|ad|job\s+description|application)\s+"
    r"(?:says|mentions|lists))\b",
    _I,
)
_ADDRESSES = re.compile(
    r"\b(?:attach\w*|enclos\w*|includ(?:ed|ing|es)|here(?:'s|\s+is|\s+are)|below|above|linked|find|"
    r"I(?:'ve|\s+have|'m|\s+am|'ll|\s+will)|my|answered|completed|submitted|sent|sending|provided)\b|"
    r"https?://|\.(?:pdf|docx?|zip)\b|[$\u00a3\u20ac]\s?\d|"
    r"\bavailable\s+(?:on|upon)\s+request\b",  # "References are available on request": an answer
    _I,
)


def mentioned_materials(text: str) -> set[Material]:
    """Materials a draft attaches or addresses ("attached are my resume and portfolio", "my salary expectation is ...").

    Negated mentions ("I don't have a portfolio") do not count. A resume and a CV are the same document
    here: mentioning one counts as the other. File names count ("Riley_Chen_cover_letter.docx").
    """
    found: set[Material] = set()
    # File names: "Riley_Chen_resume.pdf", "code-sample.zip".
    text = re.sub(r"(?<=[A-Za-z])-(?=[A-Za-z])", " ", text.replace("_", " "))
    if not _MENTION_PATTERNS.candidates(text):
        return found  # no sentence of it can mention a material
    for sentence, _, _ in split_sentences(text):
        if _RESTATES.search(sentence) and not _ADDRESSES.search(sentence):
            continue  # "The posting asks for a cover letter": naming a requirement is not meeting it
        for m in _mentions(sentence, _MENTION_PATTERNS):
            before = sentence[max(0, m.start - 40) : m.start]
            if _MENTION_NEGATION.search(before):
                continue
            found.add(m.material)
    if Material.resume in found or Material.cv in found:
        found.update({Material.resume, Material.cv})
    return found
