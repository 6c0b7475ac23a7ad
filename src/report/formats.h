/* SPDX-License-Identifier: MIT */
/** \file formats.h
 * \brief The formatter entries, one per file in src/report/.
 */
#ifndef GWLINT_REPORT_FORMATS_H
#define GWLINT_REPORT_FORMATS_H

#include "../report.h"

extern const struct formatter format_gcc;
extern const struct formatter format_json;
extern const struct formatter format_sarif;
extern const struct formatter format_github;
extern const struct formatter format_checkstyle;
extern const struct formatter format_junit;
extern const struct formatter format_csv;
extern const struct formatter format_summary;
extern const struct formatter format_codequality;
extern const struct formatter format_html;

#endif
