//! Field declarations: a stable key, a kind and a few flags. Each kind knows
//! once how it is stored, parsed, validated, filtered and shown.

use acre_store::Value;

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Text,
    /// Paragraphs.
    LongText,
    Integer,
    /// A decimal number (stored as a double).
    Decimal,
    /// Money in fen (1/100 yuan), stored as an integer.
    Money,
    /// A percentage as typed, e.g. 12.5.
    Percent,
    /// A calendar date `YYYY-MM-DD`.
    Date,
    /// A moment, stored as milliseconds since the epoch (UTC).
    DateTime,
    /// One of `options`.
    Enum,
    /// Any of `options`, stored as `,a,b,` so "contains" is one LIKE.
    MultiEnum,
    /// The id of a record of the type named by `link`.
    Link,
    /// The id of a user.
    User,
    Bool,
    Phone,
    Email,
    Url,
    /// A document stored as one of the record's attachments (its id). Set by
    /// uploading to the field, never by typing.
    File,
}

impl Kind {
    /// Whether lists may sort by this kind.
    pub fn sortable(self) -> bool {
        !matches!(self, Kind::LongText | Kind::MultiEnum | Kind::File)
    }
    /// Whether the value is typed in forms, the API and imports (files are uploaded).
    pub fn typed(self) -> bool {
        self != Kind::File
    }
    /// Whether values are numbers (range filters, right-aligned cells).
    pub fn numeric(self) -> bool {
        matches!(
            self,
            Kind::Integer | Kind::Decimal | Kind::Money | Kind::Percent
        )
    }
    /// Range filters (min/max) apply.
    pub fn ranged(self) -> bool {
        self.numeric() || matches!(self, Kind::Date | Kind::DateTime)
    }
    /// Stable key (API schema, docs).
    pub fn key(self) -> &'static str {
        match self {
            Kind::Text => "text",
            Kind::LongText => "long_text",
            Kind::Integer => "integer",
            Kind::Decimal => "decimal",
            Kind::Money => "money",
            Kind::Percent => "percent",
            Kind::Date => "date",
            Kind::DateTime => "datetime",
            Kind::Enum => "enum",
            Kind::MultiEnum => "multi_enum",
            Kind::Link => "link",
            Kind::User => "user",
            Kind::Bool => "boolean",
            Kind::Phone => "phone",
            Kind::Email => "email",
            Kind::Url => "url",
            Kind::File => "file",
        }
    }
}

/// One field of a record type.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// Stable key: column name, form name, API key, locale key `{entity}-field-{key}`.
    pub key: &'static str,
    pub kind: Kind,
    /// Choices of an enum, as stable keys (labels: `{entity}-{key}-{option}`).
    pub options: &'static [&'static str],
    /// Target record type of a link.
    pub link: Option<&'static str>,
    pub required: bool,
    pub unique: bool,
    /// Part of the list's search box.
    pub searchable: bool,
    /// Detail and form section (`{entity}-section-{section}`).
    pub section: &'static str,
    /// Longest accepted text, in characters.
    pub max_len: u32,
    /// Computed by the service (e.g. completeness), never typed by people.
    pub derived: bool,
    /// How a derived field is computed from the record's other values
    /// (completeness has its own rule in `RecordType::completeness`).
    pub compute: Option<Compute>,
    /// A link may point only at records meeting this rule (see `LinkRule`).
    pub link_rule: Option<LinkRule>,
}

/// A condition on the record a link points to, as SQL on its alias `t`,
/// and the message when it fails: a formal quote only for an opportunity
/// past 交流; quote lines only on a quote still in draft.
#[derive(Clone, Copy, Debug)]
pub struct LinkRule {
    pub sql: &'static str,
    pub error: &'static str,
}

/// A derived field's value from all of the record's values.
pub type Compute = fn(&[(&'static Field, Value)]) -> Value;

impl Field {
    pub const fn new(key: &'static str, kind: Kind) -> Field {
        Field {
            key,
            kind,
            options: &[],
            link: None,
            required: false,
            unique: false,
            searchable: false,
            section: "main",
            max_len: match kind {
                Kind::LongText => 20_000,
                Kind::Url => 2_000,
                _ => 200,
            },
            derived: false,
            compute: None,
            link_rule: None,
        }
    }
    /// Whether people type the value (forms, the API, imports): not files
    /// (uploaded) nor derived values (computed).
    pub fn typed(&self) -> bool {
        self.kind.typed() && !self.derived
    }
    pub const fn text(key: &'static str) -> Field {
        Field::new(key, Kind::Text)
    }
    pub const fn long_text(key: &'static str) -> Field {
        Field::new(key, Kind::LongText)
    }
    pub const fn integer(key: &'static str) -> Field {
        Field::new(key, Kind::Integer)
    }
    pub const fn decimal(key: &'static str) -> Field {
        Field::new(key, Kind::Decimal)
    }
    pub const fn money(key: &'static str) -> Field {
        Field::new(key, Kind::Money)
    }
    pub const fn percent(key: &'static str) -> Field {
        Field::new(key, Kind::Percent)
    }
    pub const fn date(key: &'static str) -> Field {
        Field::new(key, Kind::Date)
    }
    pub const fn datetime(key: &'static str) -> Field {
        Field::new(key, Kind::DateTime)
    }
    pub const fn choice(key: &'static str, options: &'static [&'static str]) -> Field {
        let mut f = Field::new(key, Kind::Enum);
        f.options = options;
        f
    }
    pub const fn choices(key: &'static str, options: &'static [&'static str]) -> Field {
        let mut f = Field::new(key, Kind::MultiEnum);
        f.options = options;
        f
    }
    pub const fn link(key: &'static str, target: &'static str) -> Field {
        let mut f = Field::new(key, Kind::Link);
        f.link = Some(target);
        f
    }
    pub const fn user(key: &'static str) -> Field {
        Field::new(key, Kind::User)
    }
    pub const fn boolean(key: &'static str) -> Field {
        Field::new(key, Kind::Bool)
    }
    pub const fn phone(key: &'static str) -> Field {
        Field::new(key, Kind::Phone)
    }
    pub const fn email(key: &'static str) -> Field {
        Field::new(key, Kind::Email)
    }
    pub const fn url(key: &'static str) -> Field {
        Field::new(key, Kind::Url)
    }
    pub const fn file(key: &'static str) -> Field {
        Field::new(key, Kind::File)
    }
    pub const fn required(mut self) -> Field {
        self.required = true;
        self
    }
    pub const fn unique(mut self) -> Field {
        self.unique = true;
        self
    }
    pub const fn searchable(mut self) -> Field {
        self.searchable = true;
        self
    }
    pub const fn section(mut self, section: &'static str) -> Field {
        self.section = section;
        self
    }
    pub const fn derived(mut self) -> Field {
        self.derived = true;
        self
    }
    pub const fn computed(mut self, rule: Compute) -> Field {
        self.derived = true;
        self.compute = Some(rule);
        self
    }
    /// Link only records meeting `sql` (on alias `t`), else `error`.
    pub const fn linking_only(mut self, sql: &'static str, error: &'static str) -> Field {
        self.link_rule = Some(LinkRule { sql, error });
        self
    }
    pub const fn max(mut self, n: u32) -> Field {
        self.max_len = n;
        self
    }
}
