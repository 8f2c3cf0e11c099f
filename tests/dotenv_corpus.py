"""A .env that exercises python-dotenv's grammar, shared by the parser and round-trip tests."""

CORPUS = r"""# a comment line
PLAIN=value
export EXPORTED=exported value
INLINE=before # an inline comment
HASH_IN_VALUE=a#b
EMPTY=
EMPTY_QUOTED=""
SINGLE='literal \n here'
SINGLE_ESCAPES='can\'t \\ stop'
DOUBLE="tab\tnew\nline \"quoted\" back\\slash"
MULTI_DOUBLE="first line
second line
third line"
MULTI_SINGLE='alpha
beta'
UNICODE=héllo wörld ✓ 日本語
UNICODE_QUOTED="emoji 🎉 and accents éà"
URL=postgres://user:p%40ss@db.example:5432/app?sslmode=require
EQUALS_IN_VALUE=a=b=c
QUOTED_HASH="not # a comment"
'SINGLE_QUOTED_KEY'=key in quotes
INTERPOLATED=${PLAIN}-and-${EXPORTED}
WITH_DEFAULT=${UNDEFINED_SO_FAR:-fallback}
SINGLE_INTERPOLATED='${PLAIN} expands in single quotes too'
TRAILING_SPACES_QUOTED="  kept  "
""" + "SPACED  =  spaced out   \n"  # trailing blanks: outside the raw string, so linters keep them

# Names whose value python-dotenv would take from the process environment if
# they were set there; the round-trip tests make sure they are not.
NAMES_REFERENCED_NOT_DEFINED = ("UNDEFINED_SO_FAR",)
