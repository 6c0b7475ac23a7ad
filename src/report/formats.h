/* SPDX-License-Identifier: MIT */
/** \file formats.h
 * \brief The formatter entries, one per file in src/report/.
 */
#ifndef GWLINT_REPORT_FORMATS_H
#define GWLINT_REPORT_FORMATS_H

#include "../report.h"

extern const struct formatter format_gcc;

#endif
