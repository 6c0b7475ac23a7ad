/* SPDX-License-Identifier: MIT */
/* Unit tests: start literals of patterns, and regex_search (prefiltered)
 * finding exactly the matches regex_next finds. */
#include <stdlib.h>
#include <string.h>

#include "literals.h"
#include "prescan.h"
#include "regex.h"
#include "tap.h"
#include "utf8.h"
#include "util.h"

/* The literals as "a|b|c" (sorted as found), with "^" for a line start. */
static char *
show(const char *pattern)
{
	struct litset ls;
	struct buf b = {0};
	size_t i;

	if (!literal_starts(pattern, &ls))
		return xstrdup("NONE");
	buf_puts(&b, "");
	for (i = 0; i < ls.n; i++) {
		if (i)
			buf_putc(&b, '|');
		buf_append(&b, ls.v[i].s, ls.v[i].len);
	}
	if (ls.line_start)
		buf_puts(&b, ls.n ? "|^" : "^");
	if (ls.skip_lines)
		buf_puts(&b, " (skip)");
	return buf_steal(&b);
}

static void
lits(const char *pattern, const char *want)
{
	char *got = show(pattern);

	is_str(got, want, "start literals of %s", pattern);
	free(got);
}

/* A litset as "a|b". */
static void
put_set(struct buf *b, const struct litset *ls)
{
	size_t i;

	for (i = 0; i < ls->n; i++) {
		if (i)
			buf_putc(b, '|');
		buf_append(b, ls->v[i].s, ls->v[i].len);
	}
}

/* The required literals as "a|b @N" (N: the farthest start), or NONE;
 * then " need c|d" for the strings needed at any distance. */
static void
reqs(const char *pattern, const char *want)
{
	struct litreq lr;
	struct buf b = {0};

	buf_puts(&b, "");
	literal_required(pattern, &lr);
	if (!lr.near) {
		buf_puts(&b, "NONE");
	} else {
		put_set(&b, &lr.near_set);
		buf_printf(&b, " @%zu", lr.near_off);
	}
	if (lr.any) {
		buf_puts(&b, " need ");
		put_set(&b, &lr.any_set);
	}
	is_str(b.data, want, "required literals of %s", pattern);
	buf_free(&b);
}

/* A skip pattern's stops: the printable ASCII bytes a search may restart
 * after, then "+cjk" when CJK punctuation is a stop too. */
static void
stops(const char *pattern, const char *want)
{
	struct litset ls;
	char got[160];
	size_t k = 0;
	int c;

	if (!literal_starts(pattern, &ls) || !ls.skip_lines) {
		ok(0, "skip literals of %s", pattern);
		return;
	}
	for (c = 32; c < 127; c++)
		if ((ls.skip_stop[c / 8] >> (c % 8)) & 1)
			got[k++] = (char)c;
	got[k] = '\0';
	if (ls.skip_stop_cjk)
		strcat(got, "+cjk");
	for (c = 0; c < ls.nskip_go; c++) {
		char u[4];
		size_t n = utf8_encode(ls.skip_go[c], u);

		strcat(got, c ? "" : " go:");
		strncat(got, u, n);
	}
	if (ls.skip_anchored)
		strcat(got, " ^");
	is_str(got, want, "restart places of %s", pattern);
}

/* The ASCII bytes after which no match can start (not_after), in order. */
static void
after(const char *pattern, const char *want)
{
	struct litset ls;
	char got[129];
	size_t k = 0;
	int c;

	if (!literal_starts(pattern, &ls)) {
		ok(0, "literals of %s", pattern);
		return;
	}
	for (c = 0; c < 128; c++)
		if ((ls.not_after[c / 8] >> (c % 8)) & 1)
			got[k++] = (char)c;
	got[k] = '\0';
	is_str(got, want, "not_after of %s", pattern);
}

/* Every match in subj[0..len), as "s-e;" pairs, by one search function or
 * the other. */
static char *
all_matches(struct regex *re, struct regex_scratch *sc, const char *subj, size_t len,
    bool search)
{
	const struct vars v = {2023, ""};
	const pcre2_code *code = regex_code(re, sc, &v);
	size_t from = 0;
	struct buf b = {0};

	buf_puts(&b, "");
	while (from <= len) {
		size_t s, e;
		enum match_result r = search ? regex_search(re, code, sc, subj, len, from) :
		    regex_next(code, sc, subj, len, from);

		if (r != MATCH_FOUND)
			break;
		regex_group(sc, 0, &s, &e);
		buf_printf(&b, "%zu-%zu;", s, e);
		from = e > s ? e : e + 1;
	}
	return buf_steal(&b);
}

/* The list of set `ls` as one pass over text[0..len) makes it (registered
 * before the pass) and as it is made for a set registered after the pass
 * (fill_one): the first such set of a document (a memchr per literal) and
 * a later one (the document's character index): "" when all three are
 * the same, else what differs. */
static char *
late_list_differs(const struct litset *ls, const char *text, size_t len)
{
	struct prescan *early = prescan_new(), *late = prescan_new(), *later = prescan_new();
	struct litset other, other2;
	const uint32_t *a = NULL, *b = NULL, *c = NULL;
	size_t na = 0, nb = 0, nc = 0;
	int sa, sb, sc;
	char *why;

	(void)litset_of_chars("\x01", &other);
	(void)litset_of_chars("\x02", &other2);
	prescan_doc(early, text, len);
	sa = prescan_slot(early, ls, ls);
	prescan_doc(late, text, len);
	(void)prescan_slot(late, &other, &other); /* the pass, without ls */
	sb = prescan_slot(late, ls, ls);
	prescan_doc(later, text, len);
	(void)prescan_slot(later, &other, &other);
	(void)prescan_slot(later, &other2, &other2); /* the first set after it */
	sc = prescan_slot(later, ls, ls);
	if (sa >= 0)
		a = prescan_list(early, sa, &na);
	if (sb >= 0)
		b = prescan_list(late, sb, &nb);
	if (sc >= 0)
		c = prescan_list(later, sc, &nc);
	if ((sa < 0) != (sb < 0) || (sa < 0) != (sc < 0))
		why = xstrdup("a list missing");
	else if (na != nb || (na && memcmp(a, b, na * sizeof *a) != 0))
		why = xasprintf("%zu entries in the pass's list, %zu in the late one", na, nb);
	else if (na != nc || (na && memcmp(a, c, na * sizeof *a) != 0))
		why = xasprintf("%zu entries in the pass's list, %zu in the indexed one", na, nc);
	else
		why = xstrdup("");
	prescan_free(early);
	prescan_free(late);
	prescan_free(later);
	return why;
}

int
main(void)
{
	static const char *const pats[] = {
		"(的的|了了|县县)",
		/* extended mode (rules/terms.yaml's shape): a list, one entry a
		 * line, each with its source in a comment */
		"(?x)\n  # 1 法制政府\n  (法制政府)\n  # 2 推荐\n| (推荐)(?=法治|依法)\n"
		    "| (?<=情况|工作) (报如下)  # 3\n| 严格 规范 (公平) (?= 文明)\n| [ #]年 | 2\\ 0\n",
		"(?<=\\p{Script=Han})([,;:?!()])|([,;:?!()])(?=\\p{Script=Han})",
		"\\[(?:bookmark|image)[^\\]\\n]*\\]|\\*\\*|&nbsp;|\\x{200B}|^\\s*#+\\s|^\\s*[—-]\\s*\\d+\\s*[—-]\\s*$",
		"第一责任人|(?:^|[。！？；])(?=[^。！？\\n]*主要负责(?:人|同志))(?=[^。！？\\n]*法治)",
		"(?<!\\d)((?:19|20)\\d{2})\\s*[-~～–]\\s*((?:19|20)\\d{2})年",
		"[〕\\]】）)](?![1-9]\\d*号$)(.+)$",
		"》、《|”、“",
		"20[xX×]{2}|[XＸ×]{2,}(?:县|市)|×××",
		"(?<![0-9.\\-/])((?:19|20)[0-9]{2})\\K([\\-~–])(?=((?:19|20)[0-9]{2})年)",
		"(?|(?<![目标端])(的)的(?!确)|(?<!不)(了)了(?![解之])|(县)县(?![长委]))",
		"《[^《》\\n]*\\K《([^《》\\n]*)》(?=[^《》\\n]*》)",
		"([〇零一二三四五六七八九]{4}年)([0-9]{1,2}月)|(?=[〇零一二]{0,3}零)([〇零一二三]{4}年)",
		"[〇零一二三四五六七八九]{2}\\K年|^[ \\t]*#|^\\s*-\\s*\\d+\\s*-\\s*$|[0-9](?=[年月])",
		"(?<![0-9.])([0-9]+(?:\\.[0-9]+)?)([～~—\\-–])([0-9]+(?:\\.[0-9]+)?)(%|％|‰|万|亿)",
		"(?<![0-9.])((?:19|20)[0-9]{2})([./])([0-9]{1,2})|(?<![0-9〇])([0-9]{2})年",
		"(?<![a-c\\-])[0-9x]|(?<![b\\d])[y5]",
		"(?:(?:https?|ftp)://|www\\.)[A-Za-z0-9\\-._~/?#@$&*+=%:\\p{Script=Han}]+(*SKIP)(*FAIL)|"
		    "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+(*SKIP)(*FAIL)|"
		    "(?<=\\p{Script=Han})\\(|(?:(?<=[\\p{Script=Han}，])|(?=[,;:?!()][\\p{Script=Han}]))"
		    "(?:(,)|(;)|(:)|(\\?)|(!)|(\\()|(\\)))",
		"x[a-z]*(*SKIP)(*F)|[a-z]{2}",
		"妥否[，,]?\\s*请(?:批示|批复)|请予?(?:批示|批准|批复|审批)|a(?:bc)?d?x",
		/* found by fuzz/fuzz_regex: empty matches at line starts, where
		 * PCRE2 never starts one between a CR and an LF */
		"^]*",
		"^",
		"^\\s*#|\\n#",
		"[#b]\\s*(?:年|x)",
		"(?|([〇○零][一二三四五六七八九])年|([一二三四五六七八九][〇○零])年)"
		    "(?<![〇○零一二三四五六七八九十百千万两]...)(?!代)",
		"^[ \\t\\x{3000}]*(?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})、[ \\t\\x{3000}\\x{A0}]*(*SKIP)(*FAIL)|"
		    "、\\K[ \\t\\x{3000}\\x{A0}]+(?=\\S)",
		"^a、b(*SKIP)(*FAIL)|b",
		/* starts far commoner than what they need (req_first, need) */
		"(?<![0-9.×⁰¹²³⁴⁵⁶⁷⁸⁹])([0-9]+(?:\\.[0-9]+)?)([～~—–\\-])([0-9]+(?:\\.[0-9]+)?)"
		    "(×10(?:[⁻]?[⁰¹²³⁴⁵⁶⁷⁸⁹]+|\\^-?[0-9]+))",
		"(?<=[“\"])(1[0-2]|[1-9])[.．\\-－](3[01]|[12][0-9]|[1-9])(?=[”\"])|(?<![0-9.])(12)[.．](4)(?=国家宪法日)",
		/* line starts only, a newline in the match: searched with an
		 * offset limit, PCRE2 may start one between a CR and an LF,
		 * where its own search does not (fuzz_regex) */
		"^a?ぁb|^\\n",
	};
	const char *texts[] = {
		"这是的的测试，县县\n了了的的的",
		"会议(扩大)召开,部署工作;要求:落实!\r\n(1)二是,三",
		"[bookmark: _GoBack]正文**加粗**&nbsp;空\u200b格\n# 标题\n  — 2 —\n- 3 -\r\n#x",
		"区长履行第一责任人职责。主要负责同志带头学法，推进法治建设。\n主要负责人抓法治",
		"2021-2025年规划，2016～2020年，1999 - 2003年和12021-2025年",
		"东政〔2022〕第03号\n东政[2022]3号\n国发〔2010〕33号",
		"《甲》、《乙》和“丙”、“丁”",
		"20xx年XX县××市×××",
		"《关于《条例》的说明》和《甲《乙》丙》二〇二三年3月二零二三年",
		"目的的确了了解不了了之",
		"",
		"\n\n\r\r\n",
		"增长12.5-13.5%，3～5万，2023.1.5，v1.2-3%，23年，123年，a5，b5，cx，-9，〇23年\n10-20亿",
		"妥否，请批示。请予审批，请审批；妥否,\n请批复，申请人adx abcdx abx\n"
		    "见http://www.gov.cn/政务/a,b?c=1:2和(附件)，邮箱ab.c@x.gov.cn;电话8:30,会议(扩大)召开\n"
		    "www.x.cn,(1)加强;ftp://a.b/c:d!是\r\nxabc,yz,见xy(",
		"a\r\n#b\r\n\r\n#c\r\r\n]]年\r\nx#\n\r#年 b\r\n x",
		"早在八〇年建立，九〇年代，二〇〇八年，一九九〇年、三五年、〇五年，十〇年，零一年\n"
		    "一、 标题\n\u3000二、\u3000工作、 部署、\u3000县委\n12、 a、b，x、 y\n、 z\t三、\t",
		"a、b，a、b\nxa、b\r\na、b\r\n一、 十一、 x 二、 \n",
		"[bookmaXX: a] [bookmark: b] [bookmark:c] [bookmark",
		"2.1～3.4×10⁵，3-5×10^-3，12.4国家宪法日，“3.15”和“12-4”，1.5-2×1",
		NULL, /* a long line full of candidates that fail (built below) */
	};
	struct buf longline = {0};
	struct regex_scratch *sc = regex_scratch_new();
	size_t i, j;
	int r;

	/* Over 8 KB on one line: confirming its many candidates from the line's
	 * start would cost more than a plain search, so regex_search gives up
	 * on them half-way (try_at's budget); the matches must not change. */
	buf_puts(&longline, "见(附件)");
	for (r = 0; r < 1000; r++)
		buf_puts(&longline, "1,2;3:4?a(b)");
	buf_puts(&longline, "加强(扩大)，见(附件),会议");
	texts[ARRAY_LEN(texts) - 1] = longline.data;

	plan(96 + 5 * (int)(ARRAY_LEN(pats) * ARRAY_LEN(texts)));

	lits("(的的|了了|县县)", "的的|了了|县县");
	lits("[\\[【（(]((?:19|20)\\d{2})[\\]】）)]", "[|【|（|(");
	lits("(?<!\\d)((?:19|20)\\d{2})年", "19|20");
	lits("》、《|”、“", "》、《|”、“");
	lits("(?<=\\p{Script=Han})[ \\x{3000}]+(?=\\p{Script=Han})", " |\u3000");
	lits("^\\s*#+\\s", "^");
	lits("第一责任人|(?:^|[。！？；])x", "第一责任人|。|！|？|；|^");
	lits("ab?c", "abc|ac");
	lits("ab*c", "a");
	lits("ab{0,1}c", "abc|ac");
	lits("ab{0,2}c", "a");
	lits("a(?:bc)?d", "abcd|ad");
	lits("a[xy]??b", "axb|ayb|ab");
	lits("请予?(?:批示|批准)", "请予批示|请予批准|请批示|请批准");
	lits("a|ab", "a");
	lits("\\d+年", "NONE");
	lits("(?i)abc", "NONE");
	lits("a\\Kb", "ab");
	/* (?x): white space and # comments outside classes are no part of
	 * the pattern; where that reading could be wrong, no prefilter */
	lits("(?x) a b # c\n | d", "ab|d");
	lits("(?x)[ #]x|y\\ z", " x|#x|y z");
	lits("(?x)a # c\r b", "ab");
	lits("(?x)\\x4 2", "NONE");
	lits("(?x)\\1 2|(a)", "NONE");
	lits("(?x)a{1, 3}", "NONE");
	lits("(?x)(?#c)a", "NONE");
	lits("(?x)(?i)a", "NONE");
	lits("(?x)(?<n>a)", "NONE");
	lits("(?x)\\Qa b\\E", "NONE");
	lits("(?x)a\u2028b", "NONE");
	lits("(?x)[a", "NONE");
	lits("、\\K[ \\t]+(?=\\S)", "、 |、\t");
	lits("x[ab]{2,}c", "xa|xb");
	lits("(?|(?<![目标])(的)的(?!确)|(了)了)", "的的|了了");
	/* Too many strings for one set: cut to their first characters. */
	lits("(?|([〇○零][一二三四五六七八九])年|([一二三四五六七八九][〇○零])年)",
	    "〇|○|零|一|二|三|四|五|六|七|八|九");
	lits("(?:[ab][cd][ef][gh][ij]x|y)z", "a|b|y");
	lits("x(*SKIP)(*FAIL)|y", "y (skip)");
	lits("a\\s(*SKIP)(*FAIL)|y", "NONE");
	lits("[^a]+(*SKIP)(*F)|y", "NONE");
	lits("[\\x00-z]+(*SKIP)(*FAIL)|y", "NONE");
	lits("(?s).+(*SKIP)(*FAIL)|y", "NONE");
	lits("\\p{Any}+(*SKIP)(*FAIL)|y", "NONE");
	lits("x(*SKIP)|y", "NONE");
	lits("x(*SKIP)(*FAIL)", "NONE");
	lits("x(*SKIP)(*FAIL)||y", "NONE"); /* found by fuzz/fuzz_regex */
	lits("x(*SKIP)(*FAIL)|y|", "NONE");
	lits("(?:https?://|www\\.)[A-Za-z0-9\\-._~/?#@$&*+=%:\\p{Script=Han}]+(*SKIP)(*FAIL)|"
	    "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+(*SKIP)(*F)|"
	    "(?<![0-9])[,;](?=\\p{Han})", ",|; (skip)");
	lits("x(*FAIL)|y", "x|y");
	lits("\\Gab", "NONE");
	lits("(a)\\1", "a");
	lits("\\1a", "NONE");
	lits("x?", "NONE");
	lits("(?=abc)", "NONE");
	lits("[^a]b", "NONE");
	lits("a{,3}b", "NONE");
	/* found by fuzz/fuzz_regex: "[:" is a POSIX class only when ":]"
	 * comes before any "]" */
	lits("[x[:]*y|", "NONE");
	lits("[x[:]y", "xy|[y|:y");
	lits("[[:digit:]x]", "NONE");
	reqs("([〇零一二三四五六七八九]{4}年)([0-9]{1,2}月)|([0-9]{4}年)([一二三四五六七八九十]{1,3}月)|"
	    "(?=[〇零一二三四五六七八九]{0,3}零)([〇零一二三四五六七八九]{4}年)", "月|年 @17 need 月|零");
	reqs("(?=[〇零一二三四五六七八九]{0,3}零)([〇零一二三四五六七八九]{4}年)", "年 @12 need 零");
	reqs("(?<![0-9.])((?:19|20)[0-9]{2})([./])([0-9]{1,2})\\2([0-9]{1,2})(?![0-9.])|"
	    "(?<![0-9])(?<=[于在]|^)([0-9]{2})年(?!来)", ".|/|年 @4 need .|/|年");
	reqs("(?<![0-9.\\-/])((?:19|20)[0-9]{2})\\K([\\-~–－])(?=((?:19|20)[0-9]{2})年)|"
	    "(?<![0-9.\\-/])([0-9]{1,2}[月日])\\K([\\-~–－])(?=([0-9]{1,2}[月日]))", "-|~|–|－ @5 need -|~|–|－");
	reqs("1+年", "1 @0 need 年");
	reqs("1{1,3}年", "年 @3 need 年");
	reqs("12?年", "年 @2 need 年");
	reqs("x*", "NONE");
	/* Branches whose required strings are too many together: their
	 * rarest characters, as far on as they lie in them. */
	reqs("([〇○零][一二三四五六七八九])年|([一二三四五六七八九][〇○零])年",
	    "〇|○|零|六|七|八|九 @3 need 〇|○|零|六|七|八|九");
	reqs("[ab][cd][ef][gh][ij]|[kl][mn][op][qr][st]", "a|b|k|l @0 need a|b|k|l");
	reqs("(?=[^。]*主要负责)(?=[^。]*法治)", "NONE need 主要负责");
	reqs("(?!年)x|(?<=年)y", "x|y @0 need x|y");
	reqs("(?=年)?x", "x @0 need x");
	reqs("年|x*", "NONE");
	reqs("(?:a|bc)\\1年", "a|bc @0 need a|bc");
	reqs("(?:1|2)?\\1年", "NONE need 年");
	reqs("(?=年)a", "a @0 need a");
	reqs(".{0,70}年", "NONE need 年");
	reqs("[^a]年", "年 @4 need 年");
	reqs("x(*SKIP)(*FAIL)|y年", "NONE");
	stops("[a-z]+(*SKIP)(*FAIL)|,", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`{|}~+cjk");
	stops("(?:https?://|www\\.)[A-Za-z0-9\\-._~/?#@$&*+=%:\\p{Script=Han}]+(*SKIP)(*FAIL)|"
	    "[A-Za-z0-9._%+\\-]+@[A-Za-z0-9\\-]+(?:\\.[A-Za-z0-9\\-]+)+(*SKIP)(*FAIL)|[,;]",
	    " !\"'(),;<>[\\]^`{|}+cjk");
	stops("\\d+(*SKIP)(*FAIL)|,", " !\"#$%&'()*+,-./:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");
	stops("x.y(*SKIP)(*FAIL)|,", "");
	stops("[一-龥a]+(*SKIP)(*FAIL)|,", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`bcdefghijklmnopqrstuvwxyz{|}~+cjk");
	stops("[、-〇]+(*SKIP)(*FAIL)|,", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz{|}~");
	stops("，x(*SKIP)(*FAIL)|,", " !\"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwyz{|}~+cjk go:，");
	/* dunhao-space: \t and \x{..} read; 、 is consumed, so no stop; every
	 * skip branch starts with ^. */
	stops("^[ \\t\\x{3000}]*(?:[一二三四五六七八九十]{1,3}|[0-9]{1,2})、[ \\t\\x{3000}\\x{A0}]*(*SKIP)(*FAIL)|"
	    "、\\K[ \\t\\x{3000}\\x{A0}]+(?=\\S)",
	    "!\"#$%&'()*+-./;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`abcdefghijklmnopqrstuvwxyz|~+cjk go:、 ^");
	stops("^a(*SKIP)(*FAIL)|b\\x41(*SKIP)(*FAIL)|,", " !\"#$%&'()*+,-./0123456789:;<=>?@BCDEFGHIJKLMNOPQRSTUVWXYZ[\\]^_`cdefghijklmnopqrstuvwxyz{|}~+cjk");
	lits("^a\\x{a}(*SKIP)(*FAIL)|,", "NONE");
	after("(?<![0-9.\\-/])x|(?<![\\d—–~～\\-])y", "-0123456789");
	after("(?<!\\d)x|(?<![0-5a])y", "012345");
	after("(?<![一-龥a])x", "a");
	after("(?<![a-c])x|y", "");
	after("(?<![a])x(?:(?<![b])y|z)", "a");
	after("(?<![a.])x|(?<![a])(?:y|z)", "a");
	after("(?<![[:digit:]])x", "");
	after("(?<![^a])x", "");
	after("(?<!\\D)x", "");

	for (i = 0; i < ARRAY_LEN(pats); i++) {
		char *err = NULL;
		size_t off;
		struct regex *re = regex_new(pats[i], &err, &off);

		if (re == NULL)
			fatal("bad test pattern %s: %s", pats[i], err);
		for (j = 0; j < ARRAY_LEN(texts); j++) {
			/* Thirty copies: long enough for the literal search (short
			 * subjects go to PCRE2 directly). */
			struct buf t = {0};
			char *a, *b;
			int k;

			buf_puts(&t, "");
			for (k = 0; k < 30; k++)
				buf_printf(&t, "%s%s", texts[j], k % 3 ? "\n" : "，");
			a = all_matches(re, sc, t.data, t.len, false);
			b = all_matches(re, sc, t.data, t.len, true);
			ok(strlen(t.data) >= 256 || strlen(texts[j]) < 8, "text %zu is long", j);
			is_str(b, a, "pattern %zu, text %zu: prefiltered search finds the same matches", i, j);
			free(b);
			/* The same through the document's shared candidate pass,
			 * over the whole text and over a span in its middle
			 * (whose first line start is not the document's). */
			regex_scratch_doc(sc, t.data, t.len);
			b = all_matches(re, sc, t.data, t.len, true);
			is_str(b, a, "pattern %zu, text %zu: the shared pass finds the same matches", i, j);
			free(a);
			free(b);
			{
				size_t s0 = t.len / 3, s1 = 2 * t.len / 3;

				while (s0 < t.len && ((unsigned char)t.data[s0] & 0xC0) == 0x80)
					s0++;
				while (s1 < t.len && ((unsigned char)t.data[s1] & 0xC0) == 0x80)
					s1++;
				a = all_matches(re, sc, t.data + s0, s1 - s0, false);
				b = all_matches(re, sc, t.data + s0, s1 - s0, true);
				is_str(b, a, "pattern %zu, text %zu: the shared pass, on a span", i, j);
				free(a);
				free(b);
			}
			regex_scratch_doc(sc, NULL, 0);
			{
				/* A set registered when the document's pass is
				 * done gets the list the pass would have made. */
				struct litset st;
				struct litreq rq;
				bool have = literal_analyse(pats[i], &st, &rq);
				char *d1 = have ? late_list_differs(&st, t.data, t.len) : xstrdup("");
				char *d2 = rq.near ? late_list_differs(&rq.near_set, t.data, t.len) :
				    xstrdup("");
				char *d3 = rq.any ? late_list_differs(&rq.any_set, t.data, t.len) :
				    xstrdup("");

				ok(!*d1 && !*d2 && !*d3, "pattern %zu, text %zu: a set added after the "
				    "pass gets the pass's list %s%s%s", i, j, d1, d2, d3);
				free(d1);
				free(d2);
				free(d3);
			}
			buf_free(&t);
		}
		regex_free(re);
	}
	regex_scratch_free(sc);
	buf_free(&longline);
	return done_testing();
}
