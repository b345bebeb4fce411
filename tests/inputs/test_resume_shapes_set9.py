"""Resume shapes met on set 9r (real resumes from public repositories): a Chinese resume whose
entries are 'Employer<full-width comma>Title<full-width comma>YYYY.MM~YYYY.MM' lines under Chinese section headings.

Every snippet is written for the test and reproduces a *shape*, never a real document's text.
"""

from __future__ import annotations

from referral_ai.inputs import parse_resume

_ZH_MARKDOWN = """# 李明

电话\uff1a13800000000 | 邮箱\uff1aliming@example.com

## 个人优势

- 熟练掌握 Go、Rust 编程语言\uff1b

## 工作经历

### 星河科技\uff0cL2 高级后端开发工程师 \uff0c2023.03\uff5e至今

- 负责支付系统的重构\uff1b

### 青石\uff0c后端主程\uff0c2020.07~2023.02

- 设计并维护自动化构建管线。

## 教育经历

北方大学\uff0c本科\uff0c2016.9~2020.6
"""


def test_chinese_headings_and_full_width_comma_headers_give_roles() -> None:
    resume = parse_resume(_ZH_MARKDOWN, fmt="markdown")
    got = [(r.title, r.employer, r.start, r.end) for r in resume.roles]
    assert got == [
        ("L2 高级后端开发工程师", "星河科技", "2023.03", "Present"),
        ("后端主程", "青石", "2020.07", "2023.02"),
    ]
    assert [e.institution for e in resume.education] == ["北方大学"]
    # A bullet's own full-width commas are not field separators.
    assert all(" | " not in b for r in resume.roles for b in r.bullets)


def test_chinese_experience_heading_is_a_section_in_plain_text() -> None:
    text = "王芳\n\n工作经历\n\n华东医院\uff0c护士\uff0c2018.09~2021.12\n- 负责病房护理。\n"
    resume = parse_resume(text)
    assert [(r.title, r.employer) for r in resume.roles] == [("护士", "华东医院")]


def test_a_long_chinese_clause_is_not_a_title() -> None:
    # the title pattern is bounded: a long clause that only happens to end in a job word is no title
    from referral_ai.inputs.resume import _title_score

    assert _title_score("高级后端开发工程师") == 5
    assert _title_score("在三年时间里协助护士长管理并培训了新入职的全体病房护理人员") < 5
    assert _title_score("负责病房护理\uff0c协助护士") < 5


def _education_of(line: str) -> list[tuple[str | None, str | None, str | None]]:
    text = (
        "Jane Roe\njane@roe.example\n\nExperience\nTeacher, Lincoln Elementary School  2016 - 2020\n\n"
        f"Education\n{line}\n"
    )
    return [(e.institution, e.degree, e.end) for e in parse_resume(text).education]


def test_degree_from_school_line_names_the_school_and_the_degree() -> None:
    assert _education_of("Bachelor of Arts in English from Carver University, 2015") == [
        ("Carver University", "Bachelor of Arts", "2015")
    ]
    # a colon leading to the dates is not part of the school's name
    assert _education_of("High School Diploma from Maple Valley Academy: 2018-2023") == [
        ("Maple Valley Academy", "High School Diploma", "2023")
    ]


def test_from_without_a_school_after_it_is_left_alone() -> None:
    # "from" not followed by a school: no split, the line reads as before
    assert (
        _education_of("Carver University, Bachelor of Arts with honours from the faculty, 2015")[0][
            0
        ]
        == "Carver University"
    )
