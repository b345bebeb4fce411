"""Fixtures for the validator tests: a good follow-up email for the shared sample application."""

from __future__ import annotations

import pytest

GOOD_EMAIL = """Subject: Referral for Senior Data Engineer (Req R-4821)

Hi Priya,

Sam Ortiz suggested I reach out about the Senior Data Engineer role (Req R-4821) at Northwind Logistics.

I have six years of experience building pipelines in Python and SQL. At Globex I migrated 40 batch jobs to Apache Airflow, cutting failed runs by 35 percent, and built Kafka pipelines processing 2,000,000 events per day.

Would you be willing to refer me for the role? My resume and cover letter are attached, and my code sample is at https://github.com/jordanlee-data.

Best,
Jordan Lee
"""


@pytest.fixture
def good_email() -> str:
    return GOOD_EMAIL
