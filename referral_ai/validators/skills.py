"""Known skill words (languages, tools, frameworks, methods) for the ``ungrounded-claim`` rule.

Each entry is ``canonical name -> regex alternatives`` (matched as whole words). Short or ambiguous names
("Go", "R", "Swift", "React", "Airflow", "Agile", "ML"...) are found case-sensitively in their usual spelling (and
"R" only after "in / with / using / and / or / ,"); the rest ignore case. A resume grounds a skill in any case.
A claimed skill is grounded when any alternative of the same entry appears in the resume.
"""

from __future__ import annotations

import re
from functools import lru_cache

from referral_ai.prefilter import dispatch

__all__ = ["find_skills", "skill_in"]  # SKILLS too, built on first use (module __getattr__)

# canonical: (alternatives, case_sensitive)
_SPEC: dict[str, tuple[tuple[str, ...], bool]] = {
    # languages
    "Python": (("python",), False),
    "Java": (("java",), False),
    "JavaScript": (("javascript", "js", "ecmascript"), False),
    "TypeScript": (("typescript", "ts"), True),
    "C++": (("c\\+\\+", "cpp"), False),
    "C#": (("c#", "csharp", "c sharp"), False),
    "Go": (("Go", "Golang", "golang"), True),
    "Rust": (("Rust",), True),
    "Ruby": (("Ruby",), True),
    "PHP": (("php",), False),
    "Scala": (("scala",), False),
    "Kotlin": (("kotlin",), False),
    "Swift": (("Swift",), True),
    "Objective-C": (("objective-c", "objc"), False),
    "R": ((r"(?:(?<=in )|(?<=with )|(?<=using )|(?<=and )|(?<=or )|(?<=, ))R",), True),
    "MATLAB": (("matlab",), False),
    "Perl": (("perl",), False),
    "Haskell": (("haskell",), False),
    "Elixir": (("elixir",), False),
    "Clojure": (("clojure",), False),
    "Bash": (("bash", "shell scripting"), False),
    "SQL": (("sql", "t-sql", "pl/sql"), False),
    "SAS": (("SAS",), True),
    "Stata": (("stata",), False),
    "VBA": (("vba",), False),
    "Dart": (("Dart",), True),
    "Lua": (("Lua",), True),
    "Solidity": (("solidity",), False),
    "HTML": (("html", "html5"), False),
    "CSS": (("css", "sass", "scss"), False),
    # data and ML
    "Apache Spark": (("Spark", "PySpark", "pyspark", "apache spark"), True),
    "Hadoop": (("hadoop", "hdfs", "mapreduce"), False),
    "Kafka": (("kafka",), False),
    "Airflow": (("Airflow",), True),
    "dbt": (("dbt",), False),
    "Snowflake": (("Snowflake",), True),
    "BigQuery": (("bigquery",), False),
    "Redshift": (("redshift",), False),
    "Databricks": (("databricks",), False),
    "Flink": (("flink",), False),
    "Beam": (("apache beam",), False),
    "Presto": (("presto", "trino"), False),
    "Hive": (("apache hive", "hiveql"), False),
    "Pandas": (("pandas",), False),
    "NumPy": (("numpy",), False),
    "scikit-learn": (("scikit-learn", "sklearn", "scikit learn"), False),
    "TensorFlow": (("tensorflow",), False),
    "PyTorch": (("pytorch",), False),
    "Keras": (("keras",), False),
    "XGBoost": (("xgboost",), False),
    "Hugging Face": (("hugging face", "huggingface", "transformers library"), False),
    "LangChain": (("langchain",), False),
    "MLflow": (("mlflow",), False),
    "Tableau": (("tableau",), False),
    "Power BI": (("power bi", "powerbi"), False),
    "Looker": (("looker",), False),
    "Excel": (("Excel",), True),
    "Jupyter": (("jupyter",), False),
    "Fivetran": (("fivetran",), False),
    "Dagster": (("dagster",), False),
    "Prefect": (("Prefect",), True),
    # databases
    "PostgreSQL": (("postgresql", "postgres", "psql"), False),
    "MySQL": (("mysql",), False),
    "MongoDB": (("mongodb", "mongo"), False),
    "Redis": (("redis",), False),
    "Elasticsearch": (("elasticsearch", "elastic search", "opensearch"), False),
    "Cassandra": (("cassandra",), False),
    "DynamoDB": (("dynamodb",), False),
    "Oracle": (("Oracle",), True),
    "SQL Server": (("sql server", "mssql"), False),
    "SQLite": (("sqlite",), False),
    "Neo4j": (("neo4j",), False),
    # cloud and infrastructure
    "AWS": (("aws", "amazon web services"), False),
    "GCP": (("gcp", "google cloud", "google cloud platform"), False),
    "Azure": (("azure",), False),
    "Kubernetes": (("kubernetes", "k8s"), False),
    "Docker": (("docker",), False),
    "Terraform": (("terraform",), False),
    "Ansible": (("ansible",), False),
    "Helm": (("Helm",), True),
    "Jenkins": (("jenkins",), False),
    "GitHub Actions": (("github actions",), False),
    "GitLab CI": (("gitlab ci", "gitlab-ci"), False),
    "CircleCI": (("circleci",), False),
    "Prometheus": (("prometheus",), False),
    "Grafana": (("grafana",), False),
    "Datadog": (("datadog",), False),
    "Splunk": (("splunk",), False),
    "Linux": (("linux",), False),
    "Nginx": (("nginx",), False),
    "Lambda": (("aws lambda",), False),
    "EC2": (("ec2",), False),
    "S3": (("S3",), True),
    "Git": (("git",), False),
    # web and mobile
    "React": (("React", "React.js", "ReactJS", "react.js", "reactjs"), True),
    "React Native": (("react native",), False),
    "Angular": (("Angular", "AngularJS", "angularjs"), True),
    "Vue": (("vue", "vue.js", "vuejs"), False),
    "Next.js": (("next\\.js", "nextjs"), False),
    "Node.js": (("node\\.js", "nodejs"), False),
    "Django": (("django",), False),
    "Flask": (("Flask",), True),
    "FastAPI": (("fastapi",), False),
    "Spring": (("spring boot", "spring framework"), False),
    "Rails": (("Rails", "Ruby on Rails"), True),
    ".NET": (("\\.net", "dotnet", "asp\\.net"), False),
    "GraphQL": (("graphql",), False),
    "REST": (("rest api", "rest apis", "restful"), False),
    "gRPC": (("grpc",), False),
    "iOS": (("ios",), False),
    "Android": (("android",), False),
    "Flutter": (("flutter",), False),
    "SwiftUI": (("swiftui",), False),
    "Figma": (("figma",), False),
    "Sketch": (("Sketch",), True),
    "Adobe Photoshop": (("photoshop",), False),
    "Adobe Illustrator": (("illustrator",), False),
    "InDesign": (("indesign",), False),
    # business tools
    "Salesforce": (("salesforce",), False),
    "HubSpot": (("hubspot",), False),
    "SAP": (("SAP",), True),
    "NetSuite": (("netsuite",), False),
    "QuickBooks": (("quickbooks",), False),
    "Workday": (("Workday",), True),
    "Jira": (("jira",), False),
    "Confluence": (("Confluence",), True),
    "Google Analytics": (("google analytics",), False),
    "Marketo": (("marketo",), False),
    "Zendesk": (("zendesk",), False),
    "Asana": (("asana",), False),
    "SPSS": (("spss",), False),
    "AutoCAD": (("autocad",), False),
    "SolidWorks": (("solidworks",), False),
    # methods
    "Agile": (("Agile",), True),
    "Scrum": (("scrum",), False),
    "Kanban": (("kanban",), False),
    "Six Sigma": (("six sigma", "lean six sigma"), False),
    "A/B testing": (("a/b test", "a/b testing", "a/b tests", "ab testing", "split testing"), False),
    "machine learning": (("machine learning", "Machine Learning", "ML"), True),
    "deep learning": (("deep learning",), False),
    "NLP": (("nlp", "natural language processing"), False),
    "computer vision": (("computer vision",), False),
    "CI/CD": (
        ("ci/cd", "continuous integration", "continuous delivery", "continuous deployment"),
        False,
    ),
    "TDD": (("tdd", "test-driven development", "test driven development"), False),
    "microservices": (("microservices", "microservice"), False),
    "ETL": (("etl", "elt"), False),
    "SEO": (("seo", "search engine optimization"), False),
    "SEM": (("sem", "paid search"), False),
    "GAAP": (("gaap",), False),
    "financial modeling": (("financial modeling", "financial modelling"), False),
    "UX research": (("ux research", "user research", "usability testing"), False),
    "PMP": (("pmp",), False),
    "CPA": (("CPA",), True),
}


def _alt(a: str) -> str:
    """An alternative as regex: raw when it already is one (has a backslash or a group), else escaped."""
    if "\\" in a or a.startswith("(?"):
        return a
    return re.escape(a).replace("\\ ", r"[\s-]+")


def _compile(alts: tuple[str, ...], case_sensitive: bool) -> re.Pattern[str]:
    body = "|".join(_alt(a) for a in alts)
    return re.compile(
        rf"(?<![\w.+#/-])(?:{body})(?![\w+#&]|/\w|\.\w)", 0 if case_sensitive else re.IGNORECASE
    )


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, re.Pattern[str]], dict[str, re.Pattern[str]], re.Pattern[str]]:
    """The compiled vocabulary, built on first use (a process that never checks a skill never pays for
    compiling it): each skill's own pattern, the same ignoring case, and one candidate pass over all."""
    skills = {name: _compile(alts, cs) for name, (alts, cs) in _SPEC.items()}
    any_case = {name: re.compile(p.pattern, re.IGNORECASE) for name, p in skills.items()}
    # One pass to find candidates: every alternative of every skill, case-insensitively (the longest
    # first; at each position only those starting with its character are tried)
    alternatives = sorted(
        {_alt(a) for alts, _ in _SPEC.values() for a in alts}, key=lambda a: (-len(a), a)
    )
    candidates = re.compile(
        r"(?<![\w.+#/-])" + dispatch(alternatives, re.IGNORECASE) + r"(?![\w+#&]|/\w|\.\w)",
        re.IGNORECASE,
    )
    return skills, any_case, candidates


def __getattr__(name: str) -> object:
    if name == "SKILLS":  # canonical skill name -> compiled pattern of all its spellings
        return _tables()[0]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


# skills whose spelling needs the text before it (a lookbehind): always tried in context
_CONTEXTUAL = frozenset(name for name, (alts, _) in _SPEC.items() if any("(?<=" in a for a in alts))


@lru_cache(maxsize=4096)
def _candidates(word: str) -> tuple[str, ...]:
    """Skills that may match ``word`` (lower case): a spelling matches its start, ignoring case, or the
    skill's spelling depends on the preceding text."""
    return tuple(name for name, p in _tables()[1].items() if name in _CONTEXTUAL or p.match(word))


def find_skills(text: str) -> list[tuple[str, int, int]]:
    """``(canonical name, start, end)`` of every known skill mentioned in ``text``."""
    skills, _, candidates = _tables()
    found: list[tuple[str, int, int]] = []
    for m in candidates.finditer(text):
        best: tuple[str, int, int] | None = None
        for name in _candidates(m.group().lower()):
            pattern = skills[name]
            own = pattern.match(text, m.start())  # lookbehinds see the text before the word
            if own and (best is None or own.end() > best[2]):
                best = (name, own.start(), own.end())
        if best:
            found.append(best)
    return found


def skill_in(name: str, text: str) -> bool:
    """Is the skill ``name`` (any of its spellings, any case) mentioned in ``text`` (e.g. a resume)?"""
    return _tables()[1][name].search(text) is not None
