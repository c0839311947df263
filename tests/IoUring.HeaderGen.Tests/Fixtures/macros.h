/* Macro constants typed and valued by clang; what is not an integer is skipped and named. */
#ifndef FIXTURE_MACROS_H
#define FIXTURE_MACROS_H

typedef unsigned int fx_u32;
typedef unsigned long long fx_u64;

#define M_NEGATIVE		(-2)
#define M_UNSIGNED		(1U << 31)
#define M_ALL_ONES		(~0U)
#define M_SIXTY_FOUR		0x8000000ULL
#define M_MASK64		(~(((fx_u64)1 << 48) - 1))
#define M_CAST			((fx_u32)1 << 16)
#define M_LONG			(-1L)
#define M_BYTE			((unsigned char)200)
#define M_SIGNED_CHAR		((signed char)-5)
#define M_SHORT			((short)-300)
#define M_CHAR_LITERAL		'A'
#define M_COMBINED		(M_UNSIGNED | M_CAST)
#define M_PLAIN			16

#define M_STRING		"not a number"
#define M_FLOAT			1.5
#define M_FUNCTION(x)		((x) + 1)
#define M_EMPTY
/* Unbalanced expansions must not take the next macros down with them. */
#define M_BRACE			{
#define M_PAREN			)
#define M_AFTER_BROKEN		7

#endif
