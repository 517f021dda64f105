#ifndef CEDITLINE_SHIM_H
#define CEDITLINE_SHIM_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <editline/readline.h>

/* Swift 6 rejects direct use of C global mutable variables: set them through inline setters. */
static inline void ng_rl_set_completer(rl_completion_func_t *fn) { rl_attempted_completion_function = fn; }
static inline void ng_rl_set_name(const char *name) { rl_readline_name = name; }
static inline void ng_rl_set_append_char(int c) { rl_completion_append_character = c; }
static inline void ng_rl_set_word_breaks(const char *breaks) { rl_basic_word_break_characters = breaks; }
static inline const char *ng_rl_line_buffer(void) { return rl_line_buffer; }
#endif
