import sys
sys.path.insert(0, __import__('os').path.dirname(__file__))
from lib16 import write_all
import fam_a, fam_d, fam_e, fam_f, fam_g, fam_h, fam_i, fam_j, fam_k, fam_l
try:
    import fam_b
except ImportError: pass
try:
    import fam_c
except ImportError: pass
write_all()
