import sys, glob, importlib.util, os
sys.path.insert(0, os.path.dirname(__file__))
import lib
for f in sorted(glob.glob(os.path.join(os.path.dirname(__file__), "b*.py"))):
    if os.path.basename(f) == "build.py": continue
    spec = importlib.util.spec_from_file_location(os.path.basename(f)[:-3], f)
    m = importlib.util.module_from_spec(spec); spec.loader.exec_module(m)
lib.write()
print(len(lib.CASES), "cases;", sum(1 for c in lib.CASES if c[1]=="deny"), "unsafe,", sum(1 for c in lib.CASES if c[1]=="allow"), "safe")
