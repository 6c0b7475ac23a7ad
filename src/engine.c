/* SPDX-License-Identifier: MIT */
/** \file engine.c
 * \brief The table of rules the engine reports itself.
 */
#include "engine.h"

#include <string.h>

#include "util.h"

/* The engine rules are never run as checks: their findings come from the
 * pipeline (lint.c, check_limit).  The kind only names them. */
static int
engine_compile(struct rule *r, const void *d, struct compile_err *e)
{
	(void)r;
	(void)d;
	(void)e;
	return 0;
}

static void
engine_run(const struct rule *r, struct check_ctx *ctx)
{
	(void)r;
	(void)ctx;
}

static const struct kind_key no_keys[] = {KEY_END};

static const struct check_kind kind_engine = {
	.name = "engine",
	.keys = no_keys,
	.compile = engine_compile,
	.run = engine_run,
};

static const struct {
	const char *id;
	enum severity sev;
	const char *source, *explain, *fail, *pass;
} rules[] = {
	{RULE_INPUT_ENCODING, SEV_ERROR,
	    "gwlint 输入检查：文本须能按其编码（UTF-8、GB18030、UTF-16）无误解码",
	    "文件中有按其编码无法解码的字节（无效的 UTF-8 或 GB18030 序列、UTF-16 的孤立代理项），"
	    "或夹有 NUL 字符，或用 --encoding 指定的编码在本机没有转换器。"
	    "无法解码的部分以 U+FFFD（NUL 以 U+001A）代替，文件其余部分照常检查；"
	    "有此问题的文件不做 --fix 修改。\n"
	    "多是文件在转换、拼接或传输中损坏，或编码被误判：请用原编辑软件另存为 UTF-8 文本，"
	    "或用 --encoding 指定正确的编码。",
	    "（UTF-8 文本中夹有字节 0xFF：中文\\xff中文）",
	    "（有效的 UTF-8、GB18030 或带 BOM 的 UTF-16 文本）"},
	{RULE_YEAR_UNKNOWN, SEV_INFO,
	    "gwlint 报告年份：依次取自 --year、配置 variables.report_year、标题、开头一句的“YYYY年”",
	    "标题年份、标题与正文年份一致、下一年度安排的年份、成文日期时限等规则需要知道报告所属年份。"
	    "年份依次取自 --year、配置中的 variables.report_year、标题中的年份、开头一句中的“YYYY年”；"
	    "都找不到时，这些规则被跳过，并在标题处给出本提示，而不是猜测年份。\n"
	    "请在标题中写明年份（如“2023年法治政府建设情况报告”），或用 --year 指定。",
	    "关于法治政府建设情况的报告",
	    "2023年法治政府建设情况报告"},
	{RULE_LIMIT, SEV_WARNING,
	    "gwlint 资源上限：每条规则的正则表达式匹配受 PCRE2 匹配与深度上限约束",
	    "某条规则的正则表达式在本文件中达到了匹配或深度上限，该规则对本文件就此停止，"
	    "其后的内容未经它检查；其他规则照常运行。上限保证检查不会挂起或耗尽内存。\n"
	    "多是规则包中的模式写得过宽（嵌套的量词、大量可选分支）：请改写该规则的模式，"
	    "或用 --disable 关闭它。",
	    "（模式为 ^(\\w+\\s?)*$ 的规则，遇到一长串字母后跟一个“!”）",
	    "（模式改为 ^[\\w\\s]*$ 的同一规则）"},
};

static const struct {
	const char *rule;
	const char *text;
} messages[EMSG__COUNT] = {
	[EMSG_BAD_BYTES] = {RULE_INPUT_ENCODING,
	    "无效的 $1 字节序列（$2 字节，位于文件偏移 $3）；文件其余部分照常检查"},
	[EMSG_NUL] = {RULE_INPUT_ENCODING,
	    "文本中有 NUL 字符（$1 个，位于文件偏移 $2），按 U+001A 读入；文件其余部分照常检查"},
	[EMSG_NO_CONVERTER] = {RULE_INPUT_ENCODING,
	    "本机无法按 $1 解码（没有 iconv 转换器），已改按 UTF-8 读入"},
	[EMSG_YEAR_UNKNOWN] = {RULE_YEAR_UNKNOWN,
	    "无法确定报告年份（标题和开头一句中都没有年份），依赖年份的规则已跳过；请用 --year 指定"},
	[EMSG_RULE_LIMIT] = {RULE_LIMIT,
	    "规则 $1 在此处达到正则表达式的匹配上限，已对本文件停止"},
};

size_t engine_rule_count(void) { return ARRAY_LEN(rules); }

void
engine_rule_fill(size_t i, struct rule *r)
{
	size_t k;

	r->id = rules[i].id;
	r->pack = "engine";
	r->file = "(built in)";
	r->default_sev = rules[i].sev;
	r->kind = &kind_engine;
	r->scope = SCOPE_TEXT;
	r->message = "";
	for (k = 0; k < EMSG__COUNT; k++)
		if (strcmp(messages[k].rule, rules[i].id) == 0) {
			r->message = messages[k].text;
			break;
		}
	r->source = rules[i].source;
	r->explain = rules[i].explain;
	r->ex_fail = rules[i].fail;
	r->ex_pass = rules[i].pass;
}

bool
engine_rule_id(const char *id)
{
	size_t i;

	for (i = 0; i < ARRAY_LEN(rules); i++)
		if (strcmp(rules[i].id, id) == 0)
			return true;
	return false;
}

char *
engine_message(enum engine_msg m, const char *const *args, size_t nargs)
{
	return check_format(messages[m].text, args, nargs, NULL);
}
