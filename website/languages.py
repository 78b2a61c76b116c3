"""The site's own words in English and Simplified Chinese: one table, one row per string.

The notebooks' prose comes from the notebooks themselves (the Chinese edition of
notebooks/course_zh/); this table holds only what the site adds around them: the
navigation, the folded answers' controls, the index and the link to the other language.
"""

from __future__ import annotations

__all__ = ["LANGUAGES", "UI", "other_language"]

LANGUAGES = ("en", "zh")

UI: dict[str, dict[str, str]] = {
    "en": {
        "html_lang": "en",
        "language_name": "English",
        "index_title": "CS224n Assignment 1: self-study workbook",
        "index_heading": "CS224n Assignment 1: the self-study workbook",
        "index_short": "Index",
        "index_link": "Index of the questions",
        "nav_label": "Parts of the workbook",
        "part": "Part {number}: {name}",
        "lead": "Softmax, backpropagation, word2vec and sentiment analysis, with every derivation, "
        "figure and output of the executed notebooks. The answers are folded: try each question "
        "first, then open <em>Show the answer</em> to compare.",
        "built": "Built from notebooks executed on {corpus}.",
        "not_linked": "Not yet linked to a section: {questions}.",
        "questions_heading": "The handout's questions",
        "col_question": "Question",
        "col_where": "Where it is worked",
        "col_also": "Also in",
        "place": "{page}: {section}",
        "extra_credit": "extra credit",
        "not_named": "not named in the notebooks",
        "parts_heading": "The parts",
        "show_answer": "Show the answer",
        "reference_code": "(reference code)",
        "reference_answer": "(reference answer)",
        "show_tests": "Show the tests",
        "hidden_tests": "(they include the grader's hidden tests)",
        "watch_title": "Watch the vectors learn (skip-gram on ten words)",
        "watch_short": "Watch the vectors learn",
        "corpus_sst": "the Stanford Sentiment Treebank",
        "corpus_toy": "the toy corpus (set CS224N_SST_DIR for the treebank)",
        "iterations": ", {iterations} word2vec iterations",
        "topic_1": "Softmax",
        "topic_2": "Neural network basics",
        "topic_3": "word2vec",
        "topic_4": "Sentiment analysis",
    },
    "zh": {
        "html_lang": "zh-CN",
        "language_name": "中文",
        "index_title": "CS224n 作业 1：自学手册",
        "index_heading": "CS224n 作业 1：自学手册",
        "index_short": "索引",
        "index_link": "问题索引",
        "nav_label": "手册的各部分",
        "part": "第 {number} 部分：{name}",
        "lead": "Softmax、反向传播、word2vec 与情感分析：已运行的 notebook 中的"
        "每一步推导、每一张图和每一个输出。答案默认折叠：请先自己尝试每一道题，再点开<em>显示答案</em>对照。",
        "built": "由在{corpus}上运行的 notebook 生成。",
        "not_linked": "尚未对应到章节的题目：{questions}。",
        "questions_heading": "讲义中的题目",
        "col_question": "题号",
        "col_where": "讲解位置",
        "col_also": "另见",
        "place": "{page} · {section}",
        "extra_credit": "附加题",
        "not_named": "notebook 中未提及",
        "parts_heading": "各部分",
        "show_answer": "显示答案",
        "reference_code": "（参考代码）",
        "reference_answer": "（参考答案）",
        "show_tests": "显示测试",
        "hidden_tests": "（包括评分器的隐藏测试）",
        "watch_title": "看词向量如何学习（十个词上的 skip-gram）",
        "watch_short": "看词向量如何学习",
        "corpus_sst": "斯坦福情感树库（SST）",
        "corpus_toy": "玩具语料（设置 CS224N_SST_DIR 即可使用情感树库）",
        "iterations": "，word2vec 迭代 {iterations} 次",
        "topic_1": "Softmax",
        "topic_2": "神经网络基础",
        "topic_3": "word2vec（词向量）",
        "topic_4": "情感分析",
    },
}


def other_language(language: str) -> str:
    """The language of a page's twin: zh for en, en for zh."""
    return "zh" if language == "en" else "en"
