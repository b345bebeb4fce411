"""Prompt templates shipped with referral_ai (one file per prompt). This file makes the folder a package so the templates ship inside the wheel."""
