/* A struct with a bit-field: C# has no bit-field layout, so the tool must refuse it and say where it is. */
struct with_bits {
	unsigned int whole;
	unsigned int low : 4;
	unsigned int high : 28;
};
