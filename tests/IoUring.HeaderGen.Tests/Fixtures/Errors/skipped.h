/* Macros the tool cannot turn into constants: one reviewed, one not. */
#define SKIPPED_REVIEWED "a string"
#define SKIPPED_NEW(x) ((x) + 1)
#define KEPT_CONSTANT 3
