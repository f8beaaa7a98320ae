/*
 * elf-notes FILE: an observer for the real-Xen suite (never part of xm). Reads a core file as a
 * debugger would and prints what makes it a Xen domain core:
 *   elf class=2 type=4 machine=62 sections=N
 *   section NAME type=T size=S            (one line per section)
 *   note NAME type=0xT size=S             (one line per note of every SHT_NOTE section)
 * Why: `xm dump-core` must write what crash(8) and gdb read; libxc's format is ELF64 ET_CORE with
 * a .note.Xen section holding Xen's dumpcore notes (none, header, xen_version, format_version).
 * The image has no readelf, and a grep for strings would pass on a file that is no ELF at all.
 *
 * Exit: 0 when the file was read, 1 when it is not a readable ELF64 file, 2 on bad usage.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int readat(FILE *f, long offset, void *buf, size_t size)
{
    return fseek(f, offset, SEEK_SET) == 0 && fread(buf, 1, size, f) == size;
}

int main(int argc, char **argv)
{
    if (argc != 2) { fprintf(stderr, "usage: elf-notes FILE\n"); return 2; }
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 1; }
    Elf64_Ehdr eh;
    if (!readat(f, 0, &eh, sizeof eh) || memcmp(eh.e_ident, ELFMAG, SELFMAG) != 0 || eh.e_ident[EI_CLASS] != ELFCLASS64) {
        printf("not an ELF64 file\n");
        return 1;
    }
    printf("elf class=%d type=%d machine=%d sections=%d\n", eh.e_ident[EI_CLASS], eh.e_type, eh.e_machine, eh.e_shnum);
    if (eh.e_shnum == 0 || eh.e_shentsize != sizeof(Elf64_Shdr) || eh.e_shstrndx >= eh.e_shnum) return 0;
    Elf64_Shdr *sh = calloc(eh.e_shnum, sizeof *sh);
    if (!sh || !readat(f, (long)eh.e_shoff, sh, eh.e_shnum * sizeof *sh)) { printf("unreadable section headers\n"); return 1; }
    Elf64_Shdr *strtab = &sh[eh.e_shstrndx];
    char *names = calloc(1, strtab->sh_size + 1);
    if (!names || !readat(f, (long)strtab->sh_offset, names, strtab->sh_size)) { printf("unreadable names\n"); return 1; }
    for (int i = 0; i < eh.e_shnum; i++) {
        const char *name = sh[i].sh_name < strtab->sh_size ? names + sh[i].sh_name : "?";
        printf("section %s type=%u size=%lu\n", name, sh[i].sh_type, (unsigned long)sh[i].sh_size);
        if (sh[i].sh_type != SHT_NOTE || sh[i].sh_size > (1 << 20)) continue;
        unsigned char *data = malloc(sh[i].sh_size);
        if (!data || !readat(f, (long)sh[i].sh_offset, data, sh[i].sh_size)) { printf("unreadable notes\n"); return 1; }
        size_t at = 0;
        while (at + sizeof(Elf64_Nhdr) <= sh[i].sh_size) {
            Elf64_Nhdr *n = (Elf64_Nhdr *)(data + at);
            size_t name_at = at + sizeof *n, desc_at = name_at + ((n->n_namesz + 3) & ~3u);
            size_t next = desc_at + ((n->n_descsz + 3) & ~3u);
            if (next > sh[i].sh_size || n->n_namesz == 0) break;
            printf("note %.*s type=0x%x size=%u\n", (int)n->n_namesz - 1, (char *)data + name_at, n->n_type, n->n_descsz);
            at = next;
        }
        free(data);
    }
    return 0;
}
