// Entry point. ArgumentParser's own exit codes (64 for usage errors) are not what xm-test and
// scripts written for xm expect, so errors are printed as `Error: ...` and exit 1 here.
XMMain.main()
