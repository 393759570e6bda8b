/* The main() of a fuzz target in a build without libFuzzer (the normal gcc build): runs
 * LLVMFuzzerTestOneInput once on every file named on the command line, or found directly in a
 * directory named there. ctest replays each target's seed corpus (tests/fuzz/corpus/TARGET) this
 * way in every build, so the targets keep compiling as the code under them changes, and an input
 * that once crashed (saved in the corpus) is tried again by every run of the unit tests. */
#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv) __attribute__((weak));

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	uint8_t *buf = NULL;
	size_t len = 0, cap = 0, n;
	do {
		if (len == cap) {
			cap = cap ? cap * 2 : 4096;
			uint8_t *b = realloc(buf, cap);
			if (!b) {
				free(buf);
				fclose(f);
				return -1;
			}
			buf = b;
		}
		n = fread(buf + len, 1, cap - len, f);
		len += n;
	} while (n > 0);
	fclose(f);
	/* an exact-size copy, so that ASan catches a read one byte past the input */
	uint8_t *in = malloc(len ? len : 1);
	if (in)
		memcpy(in, buf, len);
	free(buf);
	if (!in)
		return -1;
	LLVMFuzzerTestOneInput(in, len);
	free(in);
	return 0;
}

static int run_path(const char *path, unsigned *count)
{
	struct stat st;
	if (stat(path, &st) < 0) {
		perror(path);
		return -1;
	}
	if (!S_ISDIR(st.st_mode)) {
		(*count)++;
		return run_file(path);
	}
	DIR *d = opendir(path);
	if (!d) {
		perror(path);
		return -1;
	}
	int rc = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		char p[4096];
		snprintf(p, sizeof(p), "%s/%s", path, e->d_name);
		if (e->d_name[0] == '.' || stat(p, &st) < 0 || !S_ISREG(st.st_mode))
			continue;
		(*count)++;
		if (run_file(p) < 0)
			rc = -1;
	}
	closedir(d);
	return rc;
}

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: %s FILE|DIRECTORY...\n", argv[0]);
		return 2;
	}
	if (LLVMFuzzerInitialize)
		LLVMFuzzerInitialize(&argc, &argv);
	unsigned count = 0;
	int rc = 0;
	for (int i = 1; i < argc; i++)
		if (run_path(argv[i], &count) < 0)
			rc = 1;
	printf("%s: %u inputs replayed\n", argv[0], count);
	return rc;
}
