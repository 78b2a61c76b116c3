"""The self-study website: the executed notebooks as static pages that work offline.

python -m website            # build outputs/site/ (English) and outputs/site/zh/ (Chinese); see build.py
python -m website.browser    # open every page in headless Chromium and report
"""
