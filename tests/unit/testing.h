/* Shared includes for the unit tests (cmocka). */
#ifndef DOSSIER_TESTING_H
#define DOSSIER_TESTING_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "../../src/util/util.h"

/* Folder of the repository's fonts, for tests that measure text. */
#ifndef TEST_FONTS_DIR
#define TEST_FONTS_DIR "fonts"
#endif

#endif
