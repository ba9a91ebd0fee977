#!/usr/bin/env python3
"""Writes the FITS fixtures that FitsFixtureTests reads, with astropy as the independent writer.

    python3 make_fixtures.py              # rewrite the .fits files next to this script
    python3 make_fixtures.py --check F..  # print FITS files (e.g. from Astrograd's writer) as astropy reads them

Needs astropy and numpy (Debian: apt-get install python3-astropy). The tests read the committed
files without Python; run this only to change them, and commit the result.
"""

import csv
import os
import sys

import numpy as np
from astropy.io import fits

HERE = os.path.dirname(os.path.abspath(__file__))


def path(name):
    return os.path.join(HERE, name)


def all_types():
    """Every TFORM the reader decodes, behind a primary HDU that holds a small image to skip."""
    image = np.arange(12, dtype=np.int16).reshape(3, 4)
    primary = fits.PrimaryHDU(image)
    columns = [
        fits.Column(name="FLAG", format="L", array=np.array([True, False, True])),
        fits.Column(name="U8", format="B", array=np.array([0, 200, 255], dtype=np.uint8)),
        fits.Column(name="I16", format="I", array=np.array([-32768, 0, 32767], dtype=np.int16)),
        fits.Column(name="I32", format="J", array=np.array([-2147483647, 5, 2147483647], dtype=np.int32)),
        fits.Column(name="I64", format="K", array=np.array([-(2**62), 7, 2**62], dtype=np.int64)),
        fits.Column(name="F32", format="E", array=np.array([1.5, np.nan, -3.25], dtype=np.float32)),
        fits.Column(name="F64", format="D", array=np.array([np.pi, np.nan, -1e300])),
        # Raw bytes: a NUL ends a string; an all-space string is a missing label.
        fits.Column(name="CLASS", format="6A", array=np.array([b"STAR  ", b"QSO\x00ab", b"      "], dtype="S6")),
        fits.Column(name="MAG", format="3E",
                    array=np.array([[1, 2, 3], [4, 5, 6], [7, 8, 9]], dtype=np.float32), unit="mag"),
    ]
    table = fits.BinTableHDU.from_columns(columns, name="ALLTYPES")
    fits.HDUList([primary, table]).writeto(path("all_types.fits"), overwrite=True)


def scaled_nulls():
    """TSCAL/TZERO (astropy's unsigned and signed-byte conventions too), TNULL, NaN and a logical null."""
    columns = [
        fits.Column(name="U16", format="I", bzero=32768, array=np.array([0, 809, 65535], dtype=np.uint16)),
        # Stored 0, 128, 255; TZERO2 = -128 (signed bytes) is added below: astropy 5.2 fails to scale it.
        fits.Column(name="S8", format="B", array=np.array([0, 128, 255], dtype=np.uint8)),
        # Stored 250, 0, -1; TSCAL3 = 0.01 and TZERO3 = 100 are added below, for the same reason.
        fits.Column(name="FLUX", format="J", array=np.array([250, 0, -1], dtype=np.int32)),
        fits.Column(name="NJ", format="J", null=-99, array=np.array([5, -99, 7], dtype=np.int32)),
        fits.Column(name="NK", format="K", null=0, array=np.array([0, 1, 2], dtype=np.int64)),
        fits.Column(name="NAN", format="E", array=np.array([np.nan, 2.5, np.nan], dtype=np.float32)),
        fits.Column(name="OK", format="L", array=np.array([True, False, True])),
    ]
    table = fits.BinTableHDU.from_columns(columns, name="SCALED")
    name = path("scaled_nulls.fits")
    fits.HDUList([fits.PrimaryHDU(), table]).writeto(name, overwrite=True)

    with fits.open(name, mode="update") as hdus:
        header = hdus[1].header
        header.insert("TFORM2", ("TZERO2", -128, "signed bytes"), after=True)
        header.insert("TFORM3", ("TZERO3", 100.0), after=True)
        header.insert("TFORM3", ("TSCAL3", 0.01), after=True)

    # astropy writes no logical nulls: set the third OK byte to 0 in the file itself.
    with fits.open(name) as hdus:
        header = hdus[1].header
        data_start = hdus[1].fileinfo()["datLoc"]
        row_length = header["NAXIS1"]
    offset = data_start + 2 * row_length + row_length - 1
    with open(name, "r+b") as f:
        f.seek(offset)
        assert f.read(1) == b"T"
        f.seek(offset)
        f.write(b"\x00")


def header_cards():
    """A long string in CONTINUE cards, HIERARCH, comments; an image and two named tables."""
    primary = fits.PrimaryHDU()
    long_name = "NGC 1234 field north part, observed over three nights with the red arm of the spectrograph"
    primary.header["OBJNAME"] = (long_name, "target name")
    primary.header["OBSERVER"] = ("O'Hara", "a quote inside")
    primary.header["EXPTIME"] = (1500.5, "seconds")
    primary.header["FLAGGED"] = (True, "a logical")
    primary.header["NCOMBINE"] = -12
    primary.header["HIERARCH ESO DET CHIP NAME"] = "CCD-44"
    primary.header["HISTORY"] = "written by make_fixtures.py"
    primary.header["COMMENT"] = "fixture for FitsFixtureTests"
    image = fits.ImageHDU(np.zeros((2, 2), dtype=np.float32), name="SCI")
    stars = fits.BinTableHDU.from_columns(
        [fits.Column(name="X", format="D", array=np.array([1.0, 2.0]))], name="STARS")
    galaxies = fits.BinTableHDU.from_columns(
        [fits.Column(name="X", format="D", array=np.array([3.0, 4.0, 5.0]))], name="GALAXIES")
    fits.HDUList([primary, image, stars, galaxies]).writeto(path("header_cards.fits"), overwrite=True)


def htru2_40rows():
    """40 rows of the committed HTRU2 sample (CC BY 4.0; see ../../Fixtures/README.md): its first 30
    non-pulsars and first 10 pulsars, in file order, so that a tiny model can be trained on it."""
    with open(os.path.join(HERE, "..", "..", "Fixtures", "htru2_sample.csv"), newline="") as f:
        rows = list(csv.reader(f))
    header = rows[0]
    negatives = [i for i, r in enumerate(rows[1:]) if r[-1] == "0"][:30]
    positives = [i for i, r in enumerate(rows[1:]) if r[-1] == "1"][:10]
    body = [rows[1 + i] for i in sorted(negatives + positives)]
    columns = [fits.Column(name=n, format="D", array=np.array([float(r[i]) for r in body]))
               for i, n in enumerate(header[:-1])]
    columns.append(fits.Column(name=header[-1], format="J", array=np.array([int(r[-1]) for r in body])))
    table = fits.BinTableHDU.from_columns(columns, name="HTRU2")
    fits.HDUList([fits.PrimaryHDU(), table]).writeto(path("htru2_40rows.fits"), overwrite=True)


def photoz_missing():
    """60 rows of the committed BOSS DR10 photo-z sample (ANNZ 2, GPL-3.0; see ../../Fixtures/README.md) with
    missing values as catalogues write them: NaN floats, -9999 sentinels, and TNULL in an integer column.
    Magnitudes are E (float32), Z is D; NOBS (J, TNULL -1) is a made-up count of observations, 1 + row % 4."""
    with open(os.path.join(HERE, "..", "..", "Fixtures", "photoz_boss_dr10_60rows.csv"), newline="") as f:
        lines = [line for line in f.read().splitlines() if line and not line.startswith("#")]
    rows = [[float(v) for v in line.split(",")] for line in lines]
    names = ["MAG_U", "MAGERR_U", "MAG_G", "MAGERR_G", "MAG_R", "MAGERR_R", "MAG_I", "MAGERR_I", "MAG_Z",
             "MAGERR_Z", "Z"]
    data = {n: np.array([r[i] for r in rows]) for i, n in enumerate(names)}
    # 0-based rows: NaN in u (2, 8), -9999 in u (5) and g (5, 13), NaN in i (21); labels NaN (3) and -9999 (9).
    data["MAG_U"][[2, 8]] = np.nan
    data["MAG_U"][5] = -9999
    data["MAG_G"][[5, 13]] = -9999
    data["MAG_I"][21] = np.nan
    data["Z"][3] = np.nan
    data["Z"][9] = -9999
    nobs = np.array([1 + i % 4 for i in range(len(rows))], dtype=np.int32)
    nobs[[4, 17]] = -1
    columns = [fits.Column(name=n, format="E", unit="mag", array=data[n].astype(np.float32))
               for n in ["MAG_U", "MAG_G", "MAG_R", "MAG_I", "MAG_Z"]]
    columns.append(fits.Column(name="MAGERR_R", format="E", array=data["MAGERR_R"].astype(np.float32)))
    columns.append(fits.Column(name="NOBS", format="J", null=-1, array=nobs))
    columns.append(fits.Column(name="Z", format="D", array=data["Z"]))
    table = fits.BinTableHDU.from_columns(columns, name="PHOTOZ")
    fits.HDUList([fits.PrimaryHDU(), table]).writeto(path("photoz_missing.fits"), overwrite=True)


def check(names):
    """Prints what astropy reads, and its verification warnings, for each file."""
    for name in names:
        with fits.open(name) as hdus:
            hdus.verify("warn")
            hdus.info()
            for hdu in hdus:
                if isinstance(hdu, fits.BinTableHDU):
                    print(hdu.columns)
                    print(hdu.data)


if __name__ == "__main__":
    if sys.argv[1:2] == ["--check"]:
        check(sys.argv[2:])
    else:
        all_types()
        scaled_nulls()
        header_cards()
        htru2_40rows()
        photoz_missing()
