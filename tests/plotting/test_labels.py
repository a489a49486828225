"""Words for organisations, sectors, roles and areas."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")
import pytest

from chanjiao_utils import plotting


@pytest.mark.parametrize("name, expected", [("中山迈雷特数控技术有限公司", "中山迈雷特数控技术"), ("有限公司", "有限公司")])
def test_display_name_drops_company_suffix_only(name, expected):
    assert plotting.display_name({"name_zh": name}) == expected
