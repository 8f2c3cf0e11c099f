"""Credential formats from detect-secrets 1.5.0: generated, do not edit.

Written by tools/generate_token_patterns.py (which says why they are copied);
tests/test_token_patterns.py keeps them in step with detect-secrets.
"""
# ruff: noqa: E501  (the patterns are copied as they are)

# (what it is, as detect-secrets names it; detect-secrets plugin; regular expression; re flags;
#  a gate: what every match matches too, fast to search for; None when the pattern is fast itself)
PATTERNS: tuple[tuple[str, str, str, int, str | None], ...] = (
    ('Artifactory Credentials', 'ArtifactoryDetector', '(?:\\s|=|:|"|^)AKC[a-zA-Z0-9]{10,}(?:\\s|"|$)', 32, 'AKC'),
    ('Artifactory Credentials', 'ArtifactoryDetector', '(?:\\s|=|:|"|^)AP[\\dABCDEF][a-zA-Z0-9]{8,}(?:\\s|"|$)', 32, 'AP[\\dABCDEF]'),
    ('Azure Storage Account access key', 'AzureStorageKeyDetector', 'AccountKey=[a-zA-Z0-9+\\/=]{88}', 32, None),
    ('Basic Auth Credentials', 'BasicAuthDetector', "://[^:/\\?\\#\\[\\]@!\\$\\&'\\(\\)\\*\\+,;=\\s]+:([^:/\\?\\#\\[\\]@!\\$\\&'\\(\\)\\*\\+,;=\\s]+)@", 32, None),
    ('Cloudant Credentials', 'CloudantDetector', '(?:https?\\:\\/\\/)[\\w\\-]+\\:([0-9a-f]{64})\\@[\\w\\-]+\\.cloudant\\.com', 34, '(?i:cloudant)'),
    ('Cloudant Credentials', 'CloudantDetector', '(?:https?\\:\\/\\/)[\\w\\-]+\\:([a-z]{24})\\@[\\w\\-]+\\.cloudant\\.com', 34, '(?i:cloudant)'),
    ('Discord Bot Token', 'DiscordBotTokenDetector', '[MNO][a-zA-Z\\d_-]{23,25}\\.[a-zA-Z\\d_-]{6}\\.[a-zA-Z\\d_-]{27}', 32, '\\.[a-zA-Z\\d_-]{6}\\.'),
    ('GitHub Token', 'GitHubTokenDetector', '(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9_]{36}', 32, 'gh[pousr]_'),
    ('GitLab Token', 'GitLabTokenDetector', '(glpat|gldt|glft|glsoat|glrt)-[A-Za-z0-9_\\-]{20,50}(?!\\w)', 32, None),
    ('GitLab Token', 'GitLabTokenDetector', 'GR1348941[A-Za-z0-9_\\-]{20,50}(?!\\w)', 32, None),
    ('GitLab Token', 'GitLabTokenDetector', 'glcbt-([0-9a-fA-F]{2}_)?[A-Za-z0-9_\\-]{20,50}(?!\\w)', 32, None),
    ('GitLab Token', 'GitLabTokenDetector', 'glimt-[A-Za-z0-9_\\-]{25}(?!\\w)', 32, None),
    ('GitLab Token', 'GitLabTokenDetector', 'glptt-[A-Za-z0-9_\\-]{40}(?!\\w)', 32, None),
    ('GitLab Token', 'GitLabTokenDetector', 'glagent-[A-Za-z0-9_\\-]{50,1024}(?!\\w)', 32, None),
    ('GitLab Token', 'GitLabTokenDetector', 'gloas-[A-Za-z0-9_\\-]{64}(?!\\w)', 32, None),
    ('JSON Web Token', 'JwtTokenDetector', 'eyJ[A-Za-z0-9-_=]+\\.[A-Za-z0-9-_=]+\\.?[A-Za-z0-9-_.+/=]*?', 32, None),
    ('Mailchimp Access Key', 'MailchimpDetector', '[0-9a-z]{32}-us[0-9]{1,2}', 32, '-us[0-9]'),
    ('NPM tokens', 'NpmDetector', '\\/\\/.+\\/:_authToken=\\s*((npm_.+)|([A-Fa-f0-9-]{36})).*', 32, '/:_authToken='),
    ('OpenAI Token', 'OpenAIDetector', 'sk-[A-Za-z0-9-_]*[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}', 32, 'T3BlbkFJ'),
    ('PyPI Token', 'PypiTokenDetector', 'pypi-AgEIcHlwaS5vcmc[A-Za-z0-9-_]{70,}', 32, None),
    ('PyPI Token', 'PypiTokenDetector', 'pypi-AgENdGVzdC5weXBpLm9yZw[A-Za-z0-9-_]{70,}', 32, None),
    ('SendGrid API Key', 'SendGridDetector', 'SG\\.[a-zA-Z0-9_-]{22}\\.[a-zA-Z0-9_-]{43}', 32, None),
    ('Slack Token', 'SlackDetector', 'xox(?:a|b|p|o|s|r)-(?:\\d+-)+[a-z0-9]+', 34, '(?i:xox)'),
    ('Slack Token', 'SlackDetector', 'https://hooks\\.slack\\.com/services/T[a-zA-Z0-9_]+/B[a-zA-Z0-9_]+/[a-zA-Z0-9_]+', 98, '(?i:hooks\\.slack\\.com)'),
    ('SoftLayer Credentials', 'SoftlayerDetector', '(?:http|https)://api.softlayer.com/soap/(?:v3|v3.1)/([a-z0-9]{64})', 34, '(?i:softlayer)'),
    ('Square OAuth Secret', 'SquareOAuthDetector', 'sq0csp-[0-9A-Za-z\\\\\\-_]{43}', 32, None),
    ('Stripe Access Key', 'StripeDetector', '(?:r|s)k_live_[0-9a-zA-Z]{24}', 32, 'k_live_'),
    ('Telegram Bot Token', 'TelegramBotTokenDetector', '\\d{8,10}:[0-9A-Za-z_-]{35}', 32, ':[0-9A-Za-z_-]{35}'),
    ('Twilio API Key', 'TwilioKeyDetector', 'AC[a-z0-9]{32}', 32, None),
    ('Twilio API Key', 'TwilioKeyDetector', 'SK[a-z0-9]{32}', 32, None),
)

# KeywordDetector's words of credential-named keys (`_?` joins two words or none).
KEYWORDS: tuple[str, ...] = (
    'api_?key',
    'auth_?key',
    'service_?key',
    'account_?key',
    'db_?key',
    'database_?key',
    'priv_?key',
    'private_?key',
    'client_?key',
    'db_?pass',
    'database_?pass',
    'key_?pass',
    'password',
    'passwd',
    'pwd',
    'secret',
    'contraseña',
    'contrasena',
)
