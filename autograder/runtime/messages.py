"""The one table of the checker's feedback messages, in English and Simplified Chinese.

    set_language("zh")                   # the Chinese notebooks' first cell (autograder.notebook exports it)
    message("compare.wrong_value", what="softmax(x)", expected="0.5", actual="0.7")

Every message has a stable key and two format strings (`str.format` fields, the same set in
both languages: tests/autograder/test_autograder_messages.py checks it). The language is, in
order: the one given to `set_language`, else the environment variable CS224N_LANGUAGE ("en"
or "zh"; how the grader's command line and its child processes are told), else English.

The table lives in the runtime package because the sandboxed child (which holds only
`autograder/runtime`) describes odd return values with it too; the grader's code imports it as
`autograder.feedback.messages`.

Messages of hidden checks name no hidden size, value or position in either language.
Fragments (the names of inputs, the likely mistakes) are messages too: a message is built
from rendered fragments, all in the same language.
"""

from __future__ import annotations

import os
import re
import string
from functools import cache

LANGUAGES = ("en", "zh")
DEFAULT_LANGUAGE = "en"
LANGUAGE_ENV = "CS224N_LANGUAGE"
_ALIASES = {"zh-cn": "zh", "zh_cn": "zh", "zh-hans": "zh", "cn": "zh", "en-us": "en", "en_us": "en"}
_chosen: str | None = None


def _normalise(language: str) -> str | None:
    key = str(language).strip().lower()
    key = _ALIASES.get(key, key)
    return key if key in LANGUAGES else None


def set_language(language: str | None) -> str:
    """Choose the language of the feedback: "en" or "zh" (None: back to CS224N_LANGUAGE / English).

    Returns the language now in use. Raises ValueError for any other language.
    """
    global _chosen
    if language is None:
        _chosen = None
        return current_language()
    found = _normalise(language)
    if found is None:
        raise ValueError(f"unknown language {language!r}; choose one of {', '.join(LANGUAGES)}")
    _chosen = found
    return found


def current_language() -> str:
    """The language of the feedback now: set_language's, else CS224N_LANGUAGE's, else English."""
    if _chosen is not None:
        return _chosen
    from_env = _normalise(os.environ.get(LANGUAGE_ENV, ""))
    return from_env or DEFAULT_LANGUAGE


def message(key: str, **fields: object) -> str:
    """The message `key` in the current language, its fields filled in (KeyError for an unknown key)."""
    language = current_language()
    if language == "zh":
        return tidy_chinese(_padded(MESSAGES[key]["zh"]).format(**fields))
    return MESSAGES[key][language].format(**fields)


# Chinese spacing: a space between Chinese and Latin text or numbers ("第 0 行", "NumPy 数组"),
# none between two Chinese characters and none next to full-width punctuation ("（b2[0]）").
_HAN = "\u4e00-\u9fff"
_FULL_WIDTH = "\u3000-\u303f\uff00-\uffef\u201c\u201d"
_FIELD_AFTER_CHINESE = re.compile(f"(?<=[{_HAN}{_FULL_WIDTH}])(?=\\{{)")
_FIELD_BEFORE_CHINESE = re.compile(f"(?<=\\}})(?=[{_HAN}{_FULL_WIDTH}])")
_SPACES_BETWEEN_HAN = re.compile(f"(?<=[{_HAN}]) +(?=[{_HAN}])")
_SPACES_AT_FULL_WIDTH = re.compile(f"(?<=[{_FULL_WIDTH}]) +| +(?=[{_FULL_WIDTH}])")


@cache
def _padded(template: str) -> str:
    """A Chinese template with a space between each field and the Chinese text around it."""
    return _FIELD_BEFORE_CHINESE.sub(" ", _FIELD_AFTER_CHINESE.sub(" ", template))


def tidy_chinese(text: str) -> str:
    """Remove the spaces a field left next to Chinese text (each line's indentation is kept)."""
    lines = []
    for line in text.split("\n"):
        body = line.lstrip(" ")
        body = _SPACES_AT_FULL_WIDTH.sub("", _SPACES_BETWEEN_HAN.sub("", body))
        lines.append(line[: len(line) - len(line.lstrip(" "))] + body)
    return "\n".join(lines)


def check_title(name: str) -> str:
    """The display name of a check (its English name is the stable one, in reports and points)."""
    if current_language() == "zh":
        return CHECK_NAMES_ZH.get(name, name)
    return name


def placeholders(text: str) -> set[str]:
    """The field names of a format string."""
    return {field for _, field, _, _ in string.Formatter().parse(text) if field is not None}


# The test names (Check.name) in Chinese: shown in the notebooks' lines; the English names stay
# the stable identifiers (results.json, the points table, the kit's recorded points).
CHECK_NAMES_ZH: dict[str, str] = {
    "a single vector": "单个向量",
    "rows of a matrix": "矩阵的每一行",
    "large inputs do not overflow": "输入很大时不会溢出",
    "the input is not modified": "不修改输入",
    "random vectors and matrices": "随机向量和矩阵",
    "known values": "已知的值",
    "scalars, 0-d, 1-D and 2-D inputs keep their shape": "标量、0 维、1 维和 2 维输入保持形状不变",
    "large inputs (|x| up to 10,000): no NaN, no overflow warning": (
        "很大的输入（|x| 最大 10,000）：没有 NaN，没有溢出警告"
    ),
    "random arrays of several shapes": "几种形状的随机数组",
    "known values of s": "s 的已知值",
    "written through s = sigmoid(x), on a matrix": "用 s = sigmoid(x) 表示，输入为矩阵",
    "scalars and 0-d inputs keep their shape": "标量和 0 维输入保持形状不变",
    "random values of s": "s 的随机值",
    "accepts a correct gradient": "接受正确的梯度",
    "rejects a wrong gradient": "拒绝错误的梯度",
    "curved functions": "曲线函数",
    "large-magnitude functions": "数值量级很大的函数",
    "0-d input": "0 维输入",
    "a cost with built-in randomness (both RNGs reset before every call)": (
        "带有内部随机性的代价函数（每次调用前重置两个随机数生成器）"
    ),
    "leaves x as it found it": "不改变 x",
    "finds a wrong gradient in any coordinate, at the right tolerance": (
        "在正确的容差下发现任意坐标上的错误梯度"
    ),
    "cost on small batches": "小批次上的代价",
    "gradient on small batches": "小批次上的梯度",
    "gradient matches the numeric gradient of your own cost": "梯度与你自己的代价函数的数值梯度一致",
    "random sizes: cost and gradient": "随机大小：代价和梯度",
    "mean of the word vectors": "词向量的平均值",
    "repeated words count each time": "重复的词每次都计入",
    "random sentences": "随机句子",
    "a sorted list of at least 5 non-negative numbers": "至少 5 个非负数的有序列表",
    "values span at least three orders of magnitude": "取值至少跨越三个数量级",
    "picks the highest dev accuracy": "选择开发集准确率最高的模型",
    "never chooses by test or train accuracy": "从不按测试集或训练集准确率选择",
    "plain steps on a quadratic": "二次函数上的普通更新步",
    "the result of postprocessing is used": "使用了后处理的结果",
    "the step halves after every 20,000 iterations": "每 20,000 次迭代后步长减半",
    "random start points, steps and postprocessing": "随机的起点、步长和后处理",
    "rows of a fixed matrix": "固定矩阵的每一行",
    "random matrices of several shapes": "几种形状的随机矩阵",
    "random matrices": "随机矩阵",
    "loss": "损失",
    "gradient for the centre vector": "中心词向量的梯度",
    "gradient for the outside vectors": "外部词向量的梯度",
    "gradients match the numeric gradient of your own loss": "梯度与你自己的损失的数值梯度一致",
    "random sizes and large scores": "随机大小和很大的得分",
    "repeated negative samples are all counted": "重复的负样本都被计入",
    "gradients match the numeric gradient of your own loss (negatives fixed)": (
        "梯度与你自己的损失的数值梯度一致（负样本固定）"
    ),
    "random cases with repeated negatives": "带有重复负样本的随机用例",
    "with the naive-softmax loss": "使用朴素 softmax 损失",
    "with the negative-sampling loss": "使用负采样损失",
    "repeated words in the window each count": "窗口中重复的词每次都计入",
    "random windows with both losses": "两种损失下的随机窗口",
}

_LIKELY_EN = " Likely mistake: "
_LIKELY_ZH = "可能的错误："

# key: {"en": ..., "zh": ...}. Fragments without a final full stop are parts of a sentence.
MESSAGES: dict[str, dict[str, str]] = {
    # --- outcomes: why a call gave no value (autograder/checks/base.py) ---
    "outcome.not_implemented": {
        "en": "{function} is not implemented yet (it raises NotImplementedError).",
        "zh": "{function} 还没有实现（它抛出了 NotImplementedError）。",
    },
    "outcome.error": {
        "en": "{function} raised {error_type}{where}: {detail}",
        "zh": "{function} 抛出了 {error_type}{where}：{detail}",
    },
    "outcome.error_hidden": {
        "en": "{function} raised {error_type}{where} on a hidden test case.",
        "zh": "{function} 在一个隐藏测试用例上抛出了 {error_type}{where}。",
    },
    "outcome.timeout": {
        "en": "{function} did not finish within its time limit (an infinite loop, or far too slow).{extra}",
        "zh": "{function} 没有在时间限制内运行完（死循环，或者太慢）。{extra}",
    },
    "outcome.crashed": {
        "en": "{function} made the process it ran in die.{extra}",
        "zh": "{function} 让运行它的进程崩溃了。{extra}",
    },
    "outcome.memory": {
        "en": "{function} used more memory than allowed.{extra}",
        "zh": "{function} 使用的内存超过了限制。{extra}",
    },
    "outcome.output": {
        "en": "{function} printed far too much output.{extra}",
        "zh": "{function} 打印的输出太多了。{extra}",
    },
    "outcome.skipped": {
        "en": "{function} was not run because an earlier case of this function did not finish.{extra}",
        "zh": "{function} 没有运行，因为这个函数之前的一个用例没有运行完。{extra}",
    },
    "outcome.missing": {
        "en": "{function} is missing from the submission.{extra}",
        "zh": "提交的代码中没有 {function}。{extra}",
    },
    "outcome.bad_output": {
        "en": "{function} returned something that could not be read back.",
        "zh": "{function} 返回的结果无法读回。",
    },
    "outcome.unknown": {
        "en": "{function} could not be evaluated ({status}).",
        "zh": "无法运行 {function}（{status}）。",
    },
    "error.stopped": {
        "en": "the function tried to stop the program",
        "zh": "这个函数试图结束整个程序",
    },
    "error.unprintable": {
        "en": "(the error message could not be shown)",
        "zh": "（无法显示错误信息）",
    },
    "outcome.where": {"en": " ({where})", "zh": "（{where}）"},
    "outcome.extra": {"en": " {detail}", "zh": "{detail}"},
    "outcome.tuple": {
        "en": "{function} must return {n} values ({names}); it returned {got}.",
        "zh": "{function} 必须返回 {n} 个值（{names}）；它返回的是{got}。",
    },
    # --- the sandbox's details (autograder/sandbox/runner.py) ---
    "limit.time": {
        "en": "(limit: {seconds} s for all its test cases)",
        "zh": "（限制：所有测试用例合计 {seconds} 秒）",
    },
    "limit.output": {"en": "(more than {megabytes} MB)", "zh": "（超过 {megabytes} MB）"},
    "limit.answer": {
        "en": "(an answer larger than {megabytes} MB)",
        "zh": "（返回结果大于 {megabytes} MB）",
    },
    "limit.loading": {
        "en": "(while loading the submission: {reason})",
        "zh": "（加载提交的代码时：{reason}）",
    },
    "limit.signal": {"en": "(killed by signal {signal})", "zh": "（被信号 {signal} 终止）"},
    "limit.exit_code": {
        "en": "(exit code {code}: os._exit, sys.exit in a thread, or a fatal error)",
        "zh": "（退出码 {code}：调用了 os._exit、在线程中调用了 sys.exit，或发生了致命错误）",
    },
    "loading.crashed": {
        "en": "the process exited or was killed while the file was being loaded",
        "zh": "加载文件时进程退出了或被终止了",
    },
    "loading.timeout": {"en": "loading the file did not finish in time", "zh": "文件没有在时间限制内加载完"},
    "loading.output": {
        "en": "the file printed far too much while being loaded",
        "zh": "文件在加载时打印的输出太多了",
    },
    "loading.bad_output": {"en": "the loader's answer was unreadable", "zh": "加载程序返回的结果无法读取"},
    "loading.too_large": {"en": "the loader's answer was far too large", "zh": "加载程序返回的结果太大了"},
    # --- what the sandbox refuses (autograder/runtime/child.py): errors raised in the student's code ---
    "guard.not_allowed": {"en": "{event} is not allowed while grading", "zh": "评分时不允许 {event}"},
    "guard.grader_files": {
        "en": "the grader's files cannot be read from a submission",
        "zh": "提交的代码不能读取评分程序的文件",
    },
    "guard.write_outside": {
        "en": "writing files outside the submission folder is not allowed while grading",
        "zh": "评分时不允许在提交文件夹之外写文件",
    },
    "guard.change_outside": {
        "en": "{event} outside the submission folder is not allowed while grading",
        "zh": "评分时不允许在提交文件夹之外执行 {event}",
    },
    "guard.import": {
        "en": "'{module}' cannot be imported while grading (the reference solutions and the grader are not "
        "available to submissions)",
        "zh": "评分时不能导入 '{module}'（提交的代码无法使用参考答案和评分程序）",
    },
    "missing.not_found": {
        "en": "{function} was not found in the submission (looked for a top-level function named "
        "{names}). Its tests score zero; the other functions are graded normally.",
        "zh": "在提交的代码中没有找到 {function}（查找的是名为 {names} 的顶层函数）。它的测试得 0 分；"
        "其他函数照常评分。",
    },
    "missing.not_loaded": {
        "en": "{function} is written in the submission but could not be loaded (see the notes above: an "
        "import or a definition failed). Its tests score zero.",
        "zh": "提交的代码中写了 {function}，但无法加载（见上面的说明：某个 import 或定义失败了）。"
        "它的测试得 0 分。",
    },
    # --- judging (autograder/checks/engine.py, autograder/notebook.py) ---
    "result.passed": {"en": "Passed.", "zh": "通过。"},
    "result.unchecked": {
        "en": "The output could not be checked ({error}).",
        "zh": "无法检查输出（{error}）。",
    },
    "result.unexpected_form": {
        "en": "The output could not be checked: it has an unexpected form ({error}).",
        "zh": "无法检查输出：它的形式不符合预期（{error}）。",
    },
    "result.kit_unavailable": {
        "en": "This check could not be run in the student kit ({error}).",
        "zh": "这项检查无法在学生工具包中运行（{error}）。",
    },
    "kit.no_expected": {
        "en": "no recorded expected value for this case; rebuild the kit",
        "zh": "这个用例没有记录的期望值；请重新构建工具包",
    },
    "kit.no_reference": {
        "en": "no recorded reference value for a {function} call",
        "zh": "没有记录 {function} 这次调用的参考值",
    },
    # --- values, in words (autograder/feedback/compare.py) ---
    "value.array_of_shape": {"en": "array of shape {shape}", "zh": "形状为 {shape} 的数组"},
    "value.unsupported": {"en": "an unsupported value", "zh": "一个不支持的值"},
    "value.input_item": {"en": "one of the inputs", "zh": "某一个输入本身"},
    "value.none": {
        "en": "None (did you forget a return statement?)",
        "zh": "None（是不是忘了写 return 语句？）",
    },
    "value.ndarray": {"en": "a NumPy array", "zh": "一个 NumPy 数组"},
    "value.ndarray_shape": {"en": "a NumPy array of shape {shape}", "zh": "一个形状为 {shape} 的 NumPy 数组"},
    "value.bool": {"en": "the bool {value}", "zh": "布尔值 {value}"},
    "value.number": {"en": "a number", "zh": "一个数"},
    "value.number_is": {"en": "the number {value}", "zh": "数 {value}"},
    "value.string": {"en": "a string", "zh": "一个字符串"},
    "value.list": {"en": "a list", "zh": "一个列表"},
    "value.list_of": {"en": "a list of {n} items", "zh": "一个含 {n} 项的列表"},
    "value.tuple": {"en": "a tuple", "zh": "一个元组"},
    "value.tuple_of": {"en": "a tuple of {n} items", "zh": "一个含 {n} 项的元组"},
    "value.dict": {"en": "a dict", "zh": "一个字典"},
    "value.of_type": {"en": "a value of type {type_name}", "zh": "一个类型为 {type_name} 的值"},
    "value.object_of_type": {"en": "an object of type {type_name}", "zh": "一个类型为 {type_name} 的对象"},
    # --- values the sandbox could not send back (autograder/runtime/protocol.py) ---
    "unsupported.nested": {
        "en": "a value nested more than {levels} levels deep",
        "zh": "一个嵌套超过 {levels} 层的值",
    },
    "unsupported.scalar": {
        "en": "a NumPy scalar of dtype {dtype}",
        "zh": "一个 dtype 为 {dtype} 的 NumPy 标量",
    },
    "unsupported.array_dtype": {
        "en": "a NumPy array of dtype {dtype} (numbers were expected)",
        "zh": "一个 dtype 为 {dtype} 的 NumPy 数组（期望的是数值）",
    },
    "unsupported.array_size": {
        "en": "an array with {size} entries (too large)",
        "zh": "一个有 {size} 个元素的数组（太大了）",
    },
    "unsupported.subclass": {
        "en": "an array of class {type_name} (a subclass of numpy.ndarray; return a plain np.ndarray)",
        "zh": "一个类为 {type_name} 的数组（numpy.ndarray 的子类；请返回普通的 np.ndarray）",
    },
    "unsupported.dict_keys": {
        "en": "a dict whose keys are not all strings",
        "zh": "一个键不全是字符串的字典",
    },
    # --- positions ---
    "where.entry": {"en": "entry {index}", "zh": "第 {index} 个元素"},
    "where.row_column": {"en": "row {row}, column {column}", "zh": "第 {row} 行、第 {column} 列"},
    "where.index": {"en": "index {index}", "zh": "下标 {index}"},
    "where.flat_2d": {
        "en": "{name}[{row}, {column}] (entry {k} of the flat vector)",
        "zh": "{name}[{row}, {column}]（展平向量的第 {k} 个元素）",
    },
    "where.flat_1d": {
        "en": "{name}[{row}] (entry {k} of the flat vector)",
        "zh": "{name}[{row}]（展平向量的第 {k} 个元素）",
    },
    "where.word_row_column": {
        "en": "row {row} (word {word}), column {column}",
        "zh": "第 {row} 行（词 {word}）、第 {column} 列",
    },
    # --- comparisons (autograder/feedback/compare.py) ---
    "likely": {"en": _LIKELY_EN + "{hint}.", "zh": _LIKELY_ZH + "{hint}。"},
    "compare.got_expected": {
        "en": "{what}: got {got}; expected {wanted}.",
        "zh": "{what}：你的结果是{got}；期望的是{wanted}。",
    },
    "compare.single_number": {
        "en": "{what}: got {got}; expected a single number{extra}.",
        "zh": "{what}：你的结果是{got}；期望的是一个数{extra}。",
    },
    "compare.single_number_tip": {
        "en": " (use float(...) or .item() to return a single number)",
        "zh": "（用 float(...) 或 .item() 返回一个数）",
    },
    "compare.wrong_shape": {"en": "{what} has the wrong shape.", "zh": "{what} 的形状不对。"},
    "compare.wrong_shape_of": {
        "en": "{what} has the wrong shape: it has shape {actual}; expected shape {expected}.",
        "zh": "{what} 的形状不对：你的结果形状为 {actual}；期望的形状为 {expected}。",
    },
    "compare.not_finite": {
        "en": "{what} contains {kind}{first}."
        + _LIKELY_EN
        + "an overflow (exp of a large number) or a 0/0; use a numerically "
        "stable formula (for softmax subtract the maximum first; for the sigmoid use exp(-|x|)).",
        "zh": "{what} 中有 {kind}{first}。"
        + _LIKELY_ZH
        + "数值溢出（对很大的数求 exp）或出现了 0/0；请使用数值稳定的公式"
        "（softmax 先减去最大值；sigmoid 使用 exp(-|x|)）。",
    },
    "compare.first_at": {"en": " (first at {where})", "zh": "（第一次出现在{where}）"},
    "compare.wrong": {"en": "{what} is wrong.", "zh": "{what} 不对。"},
    "compare.wrong_in": {
        "en": "{what} is wrong (the largest difference is in {where}).",
        "zh": "{what} 不对（相差最大的地方在 {where} 中）。",
    },
    "compare.wrong_value": {
        "en": "{what} is wrong: expected {expected}, got {actual}.",
        "zh": "{what} 不对：期望值 {expected}，你的结果 {actual}。",
    },
    "compare.wrong_value_at": {
        "en": "{what} is wrong at {where}: expected {expected}, got {actual}.",
        "zh": "{what} 在{where}不对：期望值 {expected}，你的结果 {actual}。",
    },
    "compare.whole": {
        "en": " Expected {expected}, got {actual}.",
        "zh": "期望值 {expected}，你的结果 {actual}。",
    },
    # --- likely mistakes (autograder/feedback/diagnose.py); no final full stop ---
    "diagnose.not_finite": {
        "en": "the result contains inf or NaN: a number overflowed (exp of a large value?) "
        "or a 0/0 happened; use a numerically stable formula",
        "zh": "结果中有 inf 或 NaN：某个数溢出了（对很大的值求 exp？）或出现了 0/0；请使用数值稳定的公式",
    },
    "diagnose.zeros": {
        "en": "it is all zeros: the result was never filled in (or overwritten)",
        "zh": "结果全是 0：结果从来没有被填入（或被覆盖了）",
    },
    "diagnose.sign": {
        "en": "a sign flip: the result is exactly the negative of the right one",
        "zh": "符号反了：结果正好是正确结果的相反数",
    },
    "diagnose.too_large": {
        "en": "off by a factor of {label}: the result is {factor} times too large",
        "zh": "相差的倍数是{label}：结果是正确值的 {factor} 倍",
    },
    "diagnose.too_small": {
        "en": "off by a factor of {label}: the result is {factor} times too small",
        "zh": "相差的倍数是{label}：结果只有正确值的 1/{factor}",
    },
    "diagnose.too_large_hidden": {
        "en": "off by a factor of {label}: the result is that many times too large",
        "zh": "相差的倍数是{label}：结果等于正确值乘以这个倍数",
    },
    "diagnose.too_small_hidden": {
        "en": "off by a factor of {label}: the result is that many times too small",
        "zh": "相差的倍数是{label}：结果等于正确值除以这个倍数",
    },
    "diagnose.sign_and_factor": {
        "en": "a sign flip and a factor of {label}",
        "zh": "符号反了，并且相差的倍数是{label}",
    },
    "diagnose.transposed": {"en": "the matrix is transposed", "zh": "矩阵被转置了"},
    "shape.transposed": {"en": "it looks transposed", "zh": "看起来被转置了"},
    "shape.dimensions": {
        "en": "the same number of entries in a different number of dimensions "
        "(a missing keepdims, an extra reshape, or a flattened result?)",
        "zh": "元素个数相同但维数不同（漏了 keepdims、多了一次 reshape，还是结果被展平了？）",
    },
    "shape.arranged": {
        "en": "the same number of entries arranged differently (a wrong reshape?)",
        "zh": "元素个数相同但排列不同（reshape 错了？）",
    },
    "shape.one_dimension": {
        "en": "one dimension too many or too few (summed over the wrong axis?)",
        "zh": "多了或少了一个维度（在错误的轴上求和了？）",
    },
    "shape.axis": {
        "en": "summed or broadcast over the wrong axis?",
        "zh": "在错误的轴上求和或广播了？",
    },
    # --- shared helpers (autograder/checks/helpers.py) ---
    "input.hidden": {"en": "a hidden test input", "zh": "一个隐藏测试输入"},
    "input.of_shape": {"en": "an input of shape {shape}", "zh": "一个形状为 {shape} 的输入"},
    "helpers.numpy_warning": {
        "en": '{what}: NumPy warned "{warning}".'
        + _LIKELY_EN
        + "exp() of a large number; rewrite the formula so that it never exponentiates a large "
        "positive value.",
        "zh": "{what}：NumPy 发出了警告“{warning}”。"
        + _LIKELY_ZH
        + "对很大的数求了 exp()；请改写公式，让它永远不对很大的正数求指数。",
    },
    "helpers.modified_input": {
        "en": "{what}: your function modified its input array."
        + _LIKELY_EN
        + "an in-place operation such as `x -= ...` or `x /= ...` on the caller's array; write "
        "`x = x - ...` (a new array) instead.",
        "zh": "{what}：你的函数修改了它的输入数组。"
        + _LIKELY_ZH
        + "对调用者的数组做了原地运算，例如 `x -= ...` 或 `x /= ...`；"
        "请改写成 `x = x - ...`（生成一个新数组）。",
    },
    "gradient.inconsistent_hidden": {
        "en": "{what} does not match the numeric gradient of your own loss: "
        "the loss and the gradient are not consistent.",
        "zh": "{what}与你自己的损失的数值梯度不一致：损失和梯度对不上。",
    },
    "gradient.inconsistent": {
        "en": "{what} does not match the numeric gradient of your own loss at {where}: your gradient "
        "says {analytic}, centred differences of your loss give {numeric}. The loss and the gradient "
        "are not consistent: one of them is wrong.",
        "zh": "{what}在{where}与你自己的损失的数值梯度不一致：你的梯度是 {analytic}，"
        "对你的损失做中心差分得到 {numeric}。损失和梯度对不上：其中一个是错的。",
    },
    # --- softmax, sigmoid, sigmoid_grad (autograder/checks/activations.py) ---
    "act.of_x": {"en": "{name}(x) for x = {x}", "zh": "x = {x} 时的 {name}(x)"},
    "act.of_hidden_x": {"en": "{name}(x) for x = {x}", "zh": "{x}上的 {name}(x)"},
    "act.softmax_hidden_input": {"en": "softmax on a hidden test input", "zh": "隐藏测试输入上的 softmax"},
    "act.softmax_whole_matrix": {
        "en": "normalised over the whole matrix instead of each row (sum without axis=1)",
        "zh": "对整个矩阵做了归一化，而不是对每一行（求和时没有写 axis=1）",
    },
    "act.softmax_columns": {
        "en": "normalised each column (axis=0) instead of each row (axis=1)",
        "zh": "对每一列（axis=0）做了归一化，而不是对每一行（axis=1）",
    },
    "act.sigmoid_grad_of_s": {
        "en": "the argument is already s = sigmoid(x): compute s * (1 - s), "
        "not sigmoid(s) * (1 - sigmoid(s))",
        "zh": "参数已经是 s = sigmoid(x)：应计算 s * (1 - s)，而不是 sigmoid(s) * (1 - sigmoid(s))",
    },
    "act.sigmoid_grad_plus": {
        "en": "it returned s * (1 + s); the derivative is s * (1 - s)",
        "zh": "它返回了 s * (1 + s)；导数是 s * (1 - s)",
    },
    # --- gradcheck_naive (autograder/checks/gradcheck.py) ---
    "gradcheck.random_cost": {
        "en": "a cost with built-in randomness (like negative sampling)",
        "zh": "一个带有内部随机性的代价函数（例如负采样）",
    },
    "gradcheck.true_or_false": {
        "en": "{function} must return True or False; it returned {got}.",
        "zh": "{function} 必须返回 True 或 False；它返回的是{got}。",
    },
    "gradcheck.at_x": {"en": " at x = {x}", "zh": "（x = {x}）"},
    "gradcheck.hint_centred": {
        "en": _LIKELY_EN + "the numeric gradient itself is off: use the centred difference "
        "(f(x + h) - f(x - h)) / (2 h) with h = 1e-4 on a copy of x, and compare "
        "|num - grad| / max(1, |num|, |grad|) with 1e-5.",
        "zh": _LIKELY_ZH + "数值梯度本身算错了：在 x 的副本上用中心差分 (f(x + h) - f(x - h)) / (2 h)，"
        "h = 1e-4，并把 |num - grad| / max(1, |num|, |grad|) 与 1e-5 比较。",
    },
    "gradcheck.hint_relative": {
        "en": _LIKELY_EN + "an absolute error |num - grad| instead of the relative error "
        "|num - grad| / max(1, |num|, |grad|).",
        "zh": _LIKELY_ZH + "用了绝对误差 |num - grad|，而不是相对误差 |num - grad| / max(1, |num|, |grad|)。",
    },
    "gradcheck.hint_0d": {
        "en": _LIKELY_EN
        + "the loop over coordinates does not handle a 0-d array (use np.nditer or np.ndindex).",
        "zh": _LIKELY_ZH + "遍历坐标的循环不能处理 0 维数组（请用 np.nditer 或 np.ndindex）。",
    },
    "gradcheck.rejected_right": {
        "en": "{function} said the gradient of {cost}{where} is wrong, but it is right.{hint}",
        "zh": "{function} 说 {cost}{where} 的梯度是错的，但它是对的。{hint}",
    },
    "gradcheck.hint_one_coordinate": {
        "en": _LIKELY_EN + "not every coordinate is checked, the tolerance is too loose "
        "(it must be 1e-5 on the relative error), or a failure does not make it return False.",
        "zh": _LIKELY_ZH + "没有检查每一个坐标、容差太宽（相对误差的容差必须是 1e-5），"
        "或者检验失败时没有返回 False。",
    },
    "gradcheck.accepted_wrong_one": {
        "en": "{function} accepted a gradient of {cost}{where} that is wrong in one coordinate.{hint}",
        "zh": "{function} 接受了 {cost}{where} 的一个梯度，但它在一个坐标上是错的。{hint}",
    },
    "gradcheck.accepted_wrong_all": {
        "en": "{function} accepted a gradient of {cost}{where} that is wrong everywhere.{hint}",
        "zh": "{function} 接受了 {cost}{where} 的一个梯度，但它处处都是错的。{hint}",
    },
    "gradcheck.python_random": {
        "en": "Python's `random` (random.getstate / random.setstate)",
        "zh": "Python 的 `random`（random.getstate / random.setstate）",
    },
    "gradcheck.numpy_random": {
        "en": "NumPy's global RNG (np.random.get_state / np.random.set_state)",
        "zh": "NumPy 的全局随机数生成器（np.random.get_state / np.random.set_state）",
    },
    "gradcheck.and": {"en": " and ", "zh": "和"},
    "gradcheck.random_state": {"en": "the random state", "zh": "随机状态"},
    "gradcheck.not_reset": {
        "en": "{function} said the gradient of {cost} is wrong, but it is right."
        + _LIKELY_EN
        + "{detail} is not reset to its state at entry before every call of f, so f(x + h) and "
        "f(x - h) use different random draws.",
        "zh": "{function} 说 {cost} 的梯度是错的，但它是对的。"
        + _LIKELY_ZH
        + "每次调用 f 之前没有把{detail}重置为进入函数时的状态，所以 f(x + h) 和 f(x - h) "
        "用了不同的随机抽样。",
    },
    # --- forward_backward_prop (autograder/checks/neural.py) ---
    "neural.hidden_batch": {"en": "on a hidden test batch", "zh": "在一个隐藏测试批次上"},
    "neural.batch": {
        "en": "on a batch of M = {m} examples, dimensions {dims}",
        "zh": "在 M = {m} 个样本、维度为 {dims} 的批次上",
    },
    "neural.cost": {"en": "the cost {where}", "zh": "{where}的代价"},
    "neural.gradient": {"en": "the gradient {where}", "zh": "{where}的梯度"},
    "neural.factor_mean": {
        "en": "the batch size M (use the mean over the rows, not the sum)",
        "zh": "批大小 M（应对各行取平均，而不是求和）",
    },
    "neural.factor_divide": {
        "en": "the batch size M (divide the gradient by M as the cost is a mean)",
        "zh": "批大小 M（代价是平均值，所以梯度要除以 M）",
    },
    "neural.flat_gradient": {
        "en": "the gradient must be a flat array of shape {shape}, like params.",
        "zh": "梯度必须是形状为 {shape} 的一维数组，和 params 一样。",
    },
    "neural.your_gradient": {"en": "your gradient", "zh": "你的梯度"},
    "neural.single_cost": {"en": "the cost must be a single number.", "zh": "代价必须是一个数。"},
    # --- sentiment (autograder/checks/sentiment.py) ---
    "sentiment.repeated_once": {
        "en": "a repeated word was counted once (no set(): every occurrence counts)",
        "zh": "重复的词只算了一次（不要用 set()：每次出现都要计入）",
    },
    "sentiment.hidden_sentence": {"en": "the features of a hidden sentence", "zh": "一个隐藏句子的特征"},
    "sentiment.sentence": {"en": "the features of the sentence {sentence}", "zh": "句子 {sentence} 的特征"},
    "sentiment.factor_words": {
        "en": "the number of words (the mean, not the sum)",
        "zh": "词的个数（应取平均，而不是求和）",
    },
    "reg.not_list": {
        "en": "{function} must return a list of numbers; it returned {got}.",
        "zh": "{function} 必须返回一个由数组成的列表；它返回的是{got}。",
    },
    "reg.bad_item": {
        "en": "{function} must return a list of numbers; one item is {got}.",
        "zh": "{function} 必须返回一个由数组成的列表；其中一项是{got}。",
    },
    "reg.too_few": {
        "en": "{function} returned {n} values; try at least 5.",
        "zh": "{function} 返回了 {n} 个值；请至少尝试 5 个。",
    },
    "reg.negative": {
        "en": "{function} returned a negative value; a regularisation strength is >= 0.",
        "zh": "{function} 返回了一个负值；正则化强度应 >= 0。",
    },
    "reg.unsorted": {
        "en": "{function} must return the values sorted from smallest to largest (use sorted()).",
        "zh": "{function} 返回的值必须从小到大排序（用 sorted()）。",
    },
    "reg.narrow": {
        "en": "{function}: the largest positive value is only {span} times the smallest; try values "
        "spanning at least three orders of magnitude (e.g. np.logspace(-4, 2, 13)).",
        "zh": "{function}：最大的正值只是最小正值的 {span} 倍；请尝试至少跨越三个数量级的取值"
        "（例如 np.logspace(-4, 2, 13)）。",
    },
    "best.not_a_row": {
        "en": "{function} must return one of the dicts it was given; it returned {got}.",
        "zh": "{function} 必须返回传给它的字典中的某一个；它返回的是{got}。",
    },
    "best.by_test": {
        "en": _LIKELY_EN + "it chose by test accuracy; the test set must never be used to choose a model.",
        "zh": _LIKELY_ZH + "它按测试集准确率做了选择；绝不能用测试集来选择模型。",
    },
    "best.by_train": {
        "en": _LIKELY_EN + "it chose by training accuracy; choose by dev accuracy.",
        "zh": _LIKELY_ZH + "它按训练集准确率做了选择；应按开发集准确率选择。",
    },
    "best.lowest": {
        "en": _LIKELY_EN + "it chose the LOWEST dev accuracy (min instead of max?).",
        "zh": _LIKELY_ZH + "它选择了开发集准确率最低的模型（用了 min 而不是 max？）。",
    },
    "best.chose": {
        "en": "{function} chose the model with reg = {reg} (dev accuracy {dev}); "
        "the highest dev accuracy is {best_dev} (reg = {best_reg}).{hint}",
        "zh": "{function} 选择了 reg = {reg} 的模型（开发集准确率 {dev}）；"
        "最高的开发集准确率是 {best_dev}（reg = {best_reg}）。{hint}",
    },
    # --- sgd (autograder/checks/sgd.py) ---
    "sgd.uphill": {
        "en": "the step goes uphill: use x = x - step * grad",
        "zh": "更新方向是上坡：应写 x = x - step * grad",
    },
    "sgd.never_halves": {
        "en": "the step size never halves: halve it after every 20,000 iterations",
        "zh": "步长从不减半：每 20,000 次迭代后应把它减半",
    },
    "sgd.counter_zero": {
        "en": "the iteration counter starts at 0, so the step halves at the very first iteration; "
        "count iterations from 1",
        "zh": "迭代计数从 0 开始，所以步长在第一次迭代时就减半了；迭代应从 1 开始计数",
    },
    "sgd.counter_zero_before": {
        "en": "the iteration counter starts at 0, so the step is halved before the very first update; "
        "count iterations from 1 and halve after every 20,000th",
        "zh": "迭代计数从 0 开始，所以在第一次更新之前步长就减半了；迭代应从 1 开始计数，"
        "并在每第 20,000 次迭代之后减半",
    },
    "sgd.too_few": {"en": "one iteration too few", "zh": "少迭代了一次"},
    "sgd.too_many": {"en": "one iteration too many", "zh": "多迭代了一次"},
    "sgd.post_unused": {
        "en": "the result of postprocessing(x) is not used: write x = postprocessing(x)",
        "zh": "没有使用 postprocessing(x) 的结果：应写 x = postprocessing(x)",
    },
    "sgd.hidden_case": {"en": "the final x on a hidden test case", "zh": "一个隐藏测试用例上的最终 x"},
    "sgd.final_x": {
        "en": "the final x after {iterations} iterations from x0 = {x0} with step {step}",
        "zh": "从 x0 = {x0} 出发、步长为 {step}、迭代 {iterations} 次后的最终 x",
    },
    "sgd.final_x_post": {
        "en": "the final x after {iterations} iterations from x0 = {x0} with step {step} and a "
        "postprocessing function",
        "zh": "从 x0 = {x0} 出发、步长为 {step}、带后处理函数、迭代 {iterations} 次后的最终 x",
    },
    "sgd.post_never_called": {
        "en": "{what}: postprocessing was never called. When it is given, apply it after every update: "
        "x = postprocessing(x).",
        "zh": "{what}：从来没有调用 postprocessing。给出它时，每次更新后都要调用：x = postprocessing(x)。",
    },
    # --- normalize_rows and word2vec (autograder/checks/word2vec.py) ---
    "w2v.columns": {
        "en": "each column was normalised instead of each row (use axis=1)",
        "zh": "对每一列做了归一化，而不是对每一行（应使用 axis=1）",
    },
    "w2v.squared_norm": {
        "en": "divided by the squared norm; divide by the norm (its square root)",
        "zh": "除以了范数的平方；应除以范数（平方和的平方根）",
    },
    "w2v.l1": {
        "en": "divided by the sum of the row (L1) instead of its L2 norm",
        "zh": "除以了这一行的和（L1），而不是它的 L2 范数",
    },
    "w2v.loss": {"en": "the loss {label}", "zh": "{label}的损失"},
    "w2v.grad_center": {
        "en": "grad_center_vec (dJ/dv_c) {label}",
        "zh": "{label}的 grad_center_vec（dJ/dv_c）",
    },
    "w2v.grad_outside": {
        "en": "grad_outside_vecs (dJ/dU) {label}",
        "zh": "{label}的 grad_outside_vecs（dJ/dU）",
    },
    "w2v.negatives_hidden": {
        "en": " Note: get_negative_samples was not called exactly once; the function must obtain its "
        "negatives by calling get_negative_samples(outside_word_idx, dataset, K) exactly once.",
        "zh": "注意：get_negative_samples 没有恰好被调用一次；这个函数必须调用 "
        "get_negative_samples(outside_word_idx, dataset, K) 恰好一次来得到负样本。",
    },
    "w2v.negatives_count": {
        "en": " Note: get_negative_samples was called {calls} times; the function must obtain its "
        "negatives by calling get_negative_samples(outside_word_idx, dataset, K) exactly once.",
        "zh": "注意：get_negative_samples 被调用了 {calls} 次；这个函数必须调用 "
        "get_negative_samples(outside_word_idx, dataset, K) 恰好一次来得到负样本。",
    },
    "w2v.only_true_row": {
        "en": "only the row of the true outside word o was filled in; every row w gets (y_hat_w - y_w) v_c",
        "zh": "只填了真实外部词 o 的那一行；每一行 w 都应是 (y_hat_w - y_w) v_c",
    },
    "w2v.hidden_case": {"en": "on a hidden test case", "zh": "在一个隐藏测试用例上"},
    "w2v.case": {
        "en": "for v_c = {v_c}, o = {o}, U of shape {shape}",
        "zh": "当 v_c = {v_c}、o = {o}、U 的形状为 {shape} 时",
    },
    "w2v.single_loss": {"en": "the loss must be a single number.", "zh": "损失必须是一个数。"},
    "w2v.array_shape": {
        "en": "{name} must be an array of shape {shape}.",
        "zh": "{name} 必须是形状为 {shape} 的数组。",
    },
    "w2v.your": {"en": "your {name}", "zh": "你的 {name}"},
    "w2v.repeated_negative_once": {
        "en": "a negative sample drawn several times was counted only once: `grad[indices] += ...` does not "
        "accumulate repeated indices; use np.add.at or a loop",
        "zh": "被抽到多次的负样本只算了一次：`grad[indices] += ...` 不会累加重复的下标；"
        "请用 np.add.at 或循环",
    },
    "w2v.hidden_window": {
        "en": "on a hidden window with the {loss} loss",
        "zh": "在一个隐藏窗口上使用 {loss} 损失时",
    },
    "w2v.window": {
        "en": "for centre word {center}, outside words {outside}, with {loss}",
        "zh": "当中心词为 {center}、外部词为 {outside}、使用 {loss} 时",
    },
    "w2v.factor_outside_words": {
        "en": "the number of outside words (sum over the outside words; do not average)",
        "zh": "外部词的个数（对外部词求和，不要取平均）",
    },
    "w2v.skipgram_calls_hidden": {
        "en": " Note: the loss function passed in (word2vec_loss_and_gradient) was not called once per "
        "outside word.",
        "zh": "注意：传入的损失函数（word2vec_loss_and_gradient）没有对每个外部词各调用一次。",
    },
    "w2v.cbow_calls_hidden": {
        "en": " Note: the loss function passed in was not called exactly once, as CBOW does.",
        "zh": "注意：传入的损失函数没有像 CBOW 那样恰好调用一次。",
    },
    "w2v.skipgram_calls": {
        "en": " Note: the loss function passed in (word2vec_loss_and_gradient) was called {calls} times; "
        "expected {wanted} (one call per outside word).",
        "zh": "注意：传入的损失函数（word2vec_loss_and_gradient）被调用了 {calls} 次；"
        "期望 {wanted} 次（每个外部词调用一次）。",
    },
    "w2v.cbow_calls": {
        "en": " Note: the loss function passed in was called {calls} times; CBOW calls it once.",
        "zh": "注意：传入的损失函数被调用了 {calls} 次；CBOW 只调用它一次。",
    },
    "w2v.cbow_mean": {
        "en": "v_hat is the mean of the context vectors; CBOW uses their sum",
        "zh": "v_hat 取了上下文词向量的平均值；CBOW 用的是它们的和",
    },
    "w2v.grad_center_vecs": {"en": "grad_center_vecs {label}", "zh": "{label}的 grad_center_vecs"},
    "w2v.grad_outside_vectors": {
        "en": "grad_outside_vectors {label}",
        "zh": "{label}的 grad_outside_vectors",
    },
    "w2v.repeated_word": {
        "en": _LIKELY_EN + "a repeated word was counted once; every occurrence of a word in the window "
        "counts (no set(), and `+=` on rows must accumulate).",
        "zh": _LIKELY_ZH + "重复的词只算了一次；窗口中一个词的每次出现都要计入"
        "（不要用 set()，对行做 `+=` 时必须能累加）。",
    },
    # --- the notebook (autograder/notebook.py) ---
    "notebook.ok": {"en": "ok   {line}", "zh": "通过 {line}"},
    "nbgrader.not_graded": {
        "en": "This cell is not graded by the project's grader.",
        "zh": "这个单元格不由本项目的评分程序评分。",
    },
    "notebook.fail": {"en": "FAIL {line}\n     {output}", "zh": "未通过 {line}\n     {output}"},
    "notebook.total": {
        "en": "{function}: {earned} / {total} points",
        "zh": "{function}：{earned} / {total} 分",
    },
    "notebook.total_hidden": {
        "en": "{function}: {earned} / {total} points (hidden tests)",
        "zh": "{function}：{earned} / {total} 分（隐藏测试）",
    },
    "notebook.not_a_function": {
        "en": "{name} must be a function; got {type_name}.",
        "zh": "{name} 必须是一个函数；你传入的是 {type_name}。",
    },
    "notebook.not_graded": {
        "en": "{name!r} is not a graded function; graded: {graded}",
        "zh": "{name!r} 不是评分的函数；评分的函数有：{graded}",
    },
    "notebook.no_hidden_in_kit": {
        "en": "The hidden tests are not in the student kit: they run when you are graded.",
        "zh": "学生工具包中没有隐藏测试：它们在正式评分时运行。",
    },
    "notebook.dependency_missing": {
        "en": "{name} is not defined in this notebook; run its cell first",
        "zh": "这个笔记本中还没有定义 {name}；请先运行定义它的单元格",
    },
    "notebook.kit_note": {
        "en": "\n     (In the student kit, {function} runs with your own {dependencies}: the reference "
        "versions are not shipped. If their checks fail, fix them first; the graded run uses the "
        "reference versions.)",
        "zh": "\n     （在学生工具包中，{function} 使用你自己的 {dependencies} 运行：参考实现不随工具包提供。"
        "如果它们的检查没有通过，请先改正它们；正式评分时使用参考实现。）",
    },
    "notebook.list_separator": {"en": ", ", "zh": "、"},
}


__all__ = [
    "CHECK_NAMES_ZH",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "LANGUAGE_ENV",
    "MESSAGES",
    "check_title",
    "current_language",
    "message",
    "placeholders",
    "set_language",
]
