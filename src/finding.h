/* SPDX-License-Identifier: MIT */
/** \file finding.h
 * \brief Findings as data: byte span, rule id, severity, message, fix.
 *
 * A finding list owns each finding's message and fix text, stored once per
 * distinct text (findings with equal texts share them; never free or
 * change them in place); rule ids are
 * borrowed (from the rule set, or static for built-in ids) and must outlive
 * the list.  Line and column are never stored: the formatter derives them.
 *
 * A list stores each finding in 24 bytes (offset, length, and indexes into
 * its tables of texts and rule ids): a file with millions of findings is
 * held in about 24 bytes per finding.  struct finding is the unpacked view
 * that findings_get returns.
 */
#ifndef GWLINT_FINDING_H
#define GWLINT_FINDING_H

#include <stdbool.h>
#include <stddef.h>

/** Ordered: a higher value is more severe.  0 means "not set". */
enum severity {
	SEV_NONE = 0,
	SEV_INFO,
	SEV_WARNING,
	SEV_ERROR,
	SEV__COUNT
};

const char *severity_name(enum severity s);
bool severity_parse(const char *s, enum severity *out);

struct finding {
	size_t start, end;  /**< byte span in the decoded text */
	const char *rule;   /**< rule id (borrowed) */
	enum severity sev;
	char *message;      /**< owned */
	char *fix;          /**< owned replacement for [start, end), or NULL */
};

struct findings;

struct findings *findings_new(void);
void findings_free(struct findings *f);
/** Append; takes ownership of message and fix (fix may be NULL). */
void findings_add(struct findings *f, size_t start, size_t end, const char *rule,
    enum severity sev, char *message, char *fix);
size_t findings_count(const struct findings *f);
/** About how many bytes the list holds (its findings and texts). */
size_t findings_bytes(const struct findings *f);
/** Finding i, unpacked (its pointers stay valid as long as the list). */
struct finding findings_get(const struct findings *f, size_t i);
/** Sort by start offset, then rule id, then end; drop exact duplicates. */
void findings_sort(struct findings *f);
/**
 * Keep the findings for which keep() returns true, in order; the others are
 * freed.  keep() may change the severity of a finding it keeps (nothing
 * else: x is a copy).
 */
void findings_filter(struct findings *f, bool (*keep)(struct finding *x, void *arg), void *arg);
/** Highest severity present (SEV_NONE if empty). */
enum severity findings_worst(const struct findings *f);

#endif
