//! python: the files generated for this language (see `codegen/templates/python/`).
//!
//! - `_models.py`: every object schema a `BaseModel` subclass (typed attributes, JSON key
//!   mapping, converters), every string enum a `str` `Enum`, every discriminated union a base
//!   class of its variants. Request bodies (`*Params`), list envelopes (`*List`) and the error
//!   body are not models: inputs are keyword arguments, pages are `SyncPage`/`AsyncPage`,
//!   errors are exceptions.
//!
//! The decisions (type mapping, Python names) are made here; the text is in the templates.

use std::collections::{BTreeSet, HashMap};

use minijinja::context;
use serde::Serialize;

use super::{Ctx, Output};
use crate::ir::{Api, Field, Schema, SchemaKind, Type};
use crate::render;

/// Field names hidden by `repr` even without `x-sensitive`.
const ALWAYS_SENSITIVE: &[&str] = &["pan", "cvv", "secret"];
const DIGITS: &[&str] = &[
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
];
/// `keyword.kwlist` (soft keywords such as `type` and `match` are fine as names).
const KEYWORDS: &[&str] = &[
    "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
    "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import",
    "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while",
    "with", "yield",
];
/// Names `BaseModel` uses itself: a field of that name gets a trailing `_`.
const RESERVED_ATTRS: &[&str] = &["to_dict", "construct", "last_response"];

const PKG: &str = "bindings-python/python/cryptotopcard";

pub fn generate(ctx: &Ctx) -> Result<Vec<Output>, String> {
    let env = render::environment(ctx.api, &ctx.templates, "python")?;
    let py = Py::new(ctx.api);
    let mut out = Vec::new();
    let models = py.models_view();
    out.push(Output {
        path: format!("{PKG}/_models.py").into(),
        contents: super::render(&env, "_models.py.j2", context! { m => models })?,
    });
    let resources = py.resources_view()?;
    for r in &resources {
        out.push(Output {
            path: format!("{PKG}/resources/{}.py", r.module).into(),
            contents: super::render(&env, "resource.py.j2", context! { r => r })?,
        });
    }
    out.push(Output {
        path: format!("{PKG}/resources/__init__.py").into(),
        contents: super::render(
            &env,
            "resources_init.py.j2",
            context! { resources => resources },
        )?,
    });
    out.push(Output {
        path: format!("{PKG}/_errors.py").into(),
        contents: super::render(
            &env,
            "_errors.py.j2",
            context! { classes => py.errors_view() },
        )?,
    });
    Ok(out)
}

/// Python's `repr()` of a str.
pub fn py_repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                out.push_str(&format!("\\x{:02x}", c as u32));
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

/// `ThreeDSChallenge` stays; `card.created` → `CardCreated`; a leading digit gets `_`.
pub fn class_name(name: &str) -> String {
    let mut out: String = name
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut cs = p.chars();
            match cs.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + cs.as_str(),
                None => String::new(),
            }
        })
        .collect();
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, '_');
    }
    out
}

/// A JSON key as a Python attribute (`from` → `from_`, `3ds` → `three_ds`).
pub fn attr_name(key: &str) -> String {
    let mut name: String = key
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if let Some(d) = name.chars().next().and_then(|c| c.to_digit(10)) {
        name = format!("{}_{}", DIGITS[d as usize], &name[1..]);
    }
    if KEYWORDS.contains(&name.as_str()) || RESERVED_ATTRS.contains(&name.as_str()) {
        name.push('_');
    }
    name
}

/// An enum value as a member name (`3ds.challenge` → `_3DS_CHALLENGE`, `*` → `EMPTY`).
fn enum_member(value: &str) -> String {
    let mut name = String::new();
    let mut gap = false;
    for c in value.chars() {
        if c.is_ascii_alphanumeric() {
            if gap && !name.is_empty() {
                name.push('_');
            }
            gap = false;
            name.push(c.to_ascii_uppercase());
        } else {
            gap = true;
        }
    }
    if name.is_empty() {
        name = "EMPTY".to_string();
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

/// A description as one docstring line.
pub fn doc_text(text: Option<&str>) -> String {
    render::doc_line(text.unwrap_or(""))
        .replace("\"\"\"", "'''")
        .replace('\\', "\\\\")
}

#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Enum,
    Model,
    Union,
    Alias,
}

/// The spec's schemas seen from Python.
pub struct Py<'a> {
    api: &'a Api,
    kinds: HashMap<&'a str, Kind>,
    /// Variant schema → its union (the Python base class).
    parent: HashMap<&'a str, &'a str>,
}

#[derive(Serialize)]
struct ModelsView {
    all_names: Vec<String>,
    enums: Vec<EnumView>,
    models: Vec<ModelView>,
}

#[derive(Serialize)]
struct EnumView {
    class: String,
    doc: String,
    members: Vec<(String, String)>,
}

#[derive(Serialize)]
struct ModelView {
    class: String,
    base: String,
    doc: String,
    fields: Vec<FieldView>,
    /// `['cvv', 'pan']` or empty.
    sensitive: String,
    /// Union bases: the discriminator property (repr) and (value repr, class repr) rows.
    discriminator: String,
    variants: Vec<(String, String)>,
}

#[derive(Serialize)]
struct FieldView {
    attr: String,
    attr_repr: String,
    key_repr: String,
    ann: String,
    conv: String,
    doc: String,
}

/// A field as the model renders it: `None` type means untyped (`Any`, as for a union's field
/// whose variants disagree).
struct FieldUse<'a> {
    field: &'a Field,
    typed: bool,
    required: bool,
    /// Whether the field's description applies here (a union's common field keeps it only when
    /// every variant documents the field alike: `type` is "Always `card.created`." in one).
    documented: bool,
}

impl<'a> Py<'a> {
    pub fn new(api: &'a Api) -> Self {
        let mut kinds = HashMap::new();
        let mut parent = HashMap::new();
        for s in &api.schemas {
            let kind = match &s.kind {
                SchemaKind::Enum { .. } => Kind::Enum,
                SchemaKind::Union {
                    discriminator: Some(d),
                    ..
                } if !d.property.is_empty() => Kind::Union,
                SchemaKind::Object { fields, .. } if !fields.is_empty() => {
                    if skipped(s) {
                        continue;
                    }
                    Kind::Model
                }
                _ => Kind::Alias,
            };
            kinds.insert(s.name.as_str(), kind);
        }
        for s in &api.schemas {
            if kinds.get(s.name.as_str()) == Some(&Kind::Union) {
                if let SchemaKind::Union { variants, .. } = &s.kind {
                    for v in variants {
                        parent.insert(v.as_str(), s.name.as_str());
                    }
                }
            }
        }
        Py { api, kinds, parent }
    }

    fn kind(&self, name: &str) -> Option<Kind> {
        self.kinds.get(name).copied()
    }

    /// (annotation, converter expression) of a type, nulls aside.
    pub fn base_type(&self, ty: &Type) -> (String, Option<String>) {
        match ty {
            Type::Ref { name } => match self.kind(name) {
                Some(Kind::Enum) => {
                    let cls = class_name(name);
                    (
                        format!("Union[{cls}, str]"),
                        Some(format!("enum_of({cls})")),
                    )
                }
                Some(Kind::Model) | Some(Kind::Union) => {
                    let cls = class_name(name);
                    let conv = format!("model_of({})", py_repr(&cls));
                    (cls, Some(conv))
                }
                Some(Kind::Alias) => match self.api.schema(name) {
                    Some(s) if is_money(s) => ("Decimal".into(), Some("to_decimal".into())),
                    Some(s) => match &s.kind {
                        SchemaKind::Scalar { ty, formats } if formats.is_empty() => {
                            self.base_type(ty)
                        }
                        SchemaKind::Object { additional, .. } => self.dict_type(additional),
                        _ => any(),
                    },
                    None => any(),
                },
                None => any(),
            },
            Type::String { format } => {
                if format.as_deref() == Some("date-time") {
                    ("datetime".into(), Some("parse_datetime".into()))
                } else {
                    ("str".into(), None)
                }
            }
            Type::Integer { .. } => ("int".into(), None),
            Type::Number { .. } => ("float".into(), Some("to_float".into())),
            Type::Boolean => ("bool".into(), None),
            Type::Enum { .. } => ("str".into(), None),
            Type::Const { value } if value.is_string() => ("str".into(), None),
            Type::Array { items } => {
                let (inner, conv) = self.base_type(items);
                (
                    format!("List[{inner}]"),
                    conv.map(|c| format!("list_of({c})")),
                )
            }
            Type::Object { additional, .. } => self.dict_type(&additional.as_deref().cloned()),
            Type::Const { .. } | Type::Any | Type::Union { .. } => any(),
        }
    }

    fn dict_type(&self, additional: &Option<Type>) -> (String, Option<String>) {
        match additional {
            Some(t) => {
                let (inner, conv) = self.base_type(t);
                (
                    format!("Dict[str, {inner}]"),
                    conv.map(|c| format!("dict_of({c})")),
                )
            }
            None => ("Dict[str, Any]".into(), None),
        }
    }

    fn ref_schema(&self, ty: &Type) -> Option<&'a Schema> {
        match ty {
            Type::Ref { name } => self.api.schema(name),
            _ => None,
        }
    }

    fn field_view(&self, u: &FieldUse) -> (FieldView, bool) {
        let f = u.field;
        let attr = attr_name(&f.name);
        let (mut ann, conv, doc) = if u.typed {
            let (ann, conv) = self.base_type(&f.ty);
            let target = self.ref_schema(&f.ty);
            // A plain `$ref` documents the field with the schema's description (a nullable
            // `oneOf: [$ref, null]` does not).
            let doc = f.doc.as_deref().or_else(|| {
                target
                    .filter(|_| !f.nullable)
                    .and_then(|t| t.doc.as_deref())
            });
            (ann, conv, doc_text(doc.filter(|_| u.documented)))
        } else {
            ("Any".to_string(), None, String::new())
        };
        let target = self.ref_schema(&f.ty);
        let nullable = u.typed && (f.nullable || target.is_some_and(|t| t.nullable));
        if (!u.required || nullable) && ann != "Any" {
            ann = format!("Optional[{ann}]");
        }
        let sensitive = ALWAYS_SENSITIVE.contains(&f.name.as_str())
            || (u.typed
                && (f.sensitive
                    || target.is_some_and(|t| {
                        t.extensions.get("x-sensitive") == Some(&serde_json::Value::Bool(true))
                    })));
        (
            FieldView {
                attr_repr: py_repr(&attr),
                attr,
                key_repr: py_repr(&f.name),
                ann,
                conv: conv.unwrap_or_else(|| "None".into()),
                doc,
            },
            sensitive,
        )
    }

    fn model_view(&self, name: &str, doc: Option<&str>, fields: &[FieldUse]) -> ModelView {
        let mut views = Vec::new();
        let mut sensitive = BTreeSet::new();
        for u in fields {
            let (v, s) = self.field_view(u);
            if s {
                sensitive.insert(u.field.name.clone());
            }
            views.push(v);
        }
        let sensitive = if sensitive.is_empty() {
            String::new()
        } else {
            let items: Vec<String> = sensitive.iter().map(|s| py_repr(s)).collect();
            format!("[{}]", items.join(", "))
        };
        let doc = doc_text(doc);
        ModelView {
            class: class_name(name),
            base: self
                .parent
                .get(name)
                .map(|p| class_name(p))
                .unwrap_or_else(|| "BaseModel".into()),
            doc: if doc.is_empty() {
                name.to_string()
            } else {
                doc
            },
            fields: views,
            sensitive,
            discriminator: String::new(),
            variants: Vec::new(),
        }
    }

    fn object_fields(&self, name: &str) -> &'a [Field] {
        self.api.object_fields(name).unwrap_or_default()
    }

    /// A union's base class: the fields every variant has (typed when all variants agree),
    /// required when every variant requires them.
    fn union_view(
        &self,
        s: &Schema,
        variants: &[String],
        disc: &crate::ir::Discriminator,
    ) -> ModelView {
        let all: Vec<&[Field]> = variants.iter().map(|v| self.object_fields(v)).collect();
        let mut common = Vec::new();
        if let Some((first, rest)) = all.split_first() {
            for f in *first {
                let others: Vec<Option<&Field>> = rest
                    .iter()
                    .map(|fs| fs.iter().find(|o| o.name == f.name))
                    .collect();
                if others.iter().any(Option::is_none) {
                    continue;
                }
                let mine = self.base_type(&f.ty);
                let typed = others
                    .iter()
                    .flatten()
                    .all(|o| self.base_type(&o.ty) == mine);
                let required = f.required && others.iter().flatten().all(|o| o.required);
                let documented = others.iter().flatten().all(|o| o.doc == f.doc);
                common.push(FieldUse {
                    field: f,
                    typed,
                    required,
                    documented,
                });
            }
        }
        let mut view = self.model_view(&s.name, s.doc.as_deref(), &common);
        view.discriminator = py_repr(&disc.property);
        view.variants = disc
            .mapping
            .iter()
            .map(|(k, v)| (py_repr(k), py_repr(&class_name(v))))
            .collect();
        view
    }

    fn models_view(&self) -> ModelsView {
        let mut enums = Vec::new();
        let mut unions = Vec::new();
        let mut models = Vec::new();
        for s in &self.api.schemas {
            match (self.kind(&s.name), &s.kind) {
                (Some(Kind::Enum), SchemaKind::Enum { values }) => {
                    let doc = doc_text(s.doc.as_deref());
                    enums.push(EnumView {
                        class: class_name(&s.name),
                        doc: if doc.is_empty() { s.name.clone() } else { doc },
                        members: values
                            .iter()
                            .map(|v| (enum_member(v), py_repr(v)))
                            .collect(),
                    });
                }
                (
                    Some(Kind::Union),
                    SchemaKind::Union {
                        variants,
                        discriminator: Some(d),
                    },
                ) => unions.push(self.union_view(s, variants, d)),
                (Some(Kind::Model), SchemaKind::Object { fields, .. }) => {
                    let uses: Vec<FieldUse> = fields
                        .iter()
                        .map(|f| FieldUse {
                            field: f,
                            typed: true,
                            required: f.required,
                            documented: true,
                        })
                        .collect();
                    models.push(self.model_view(&s.name, s.doc.as_deref(), &uses));
                }
                _ => {}
            }
        }
        let mut all_names: Vec<String> = enums
            .iter()
            .map(|e| e.class.clone())
            .chain(unions.iter().chain(models.iter()).map(|m| m.class.clone()))
            .collect();
        all_names.sort();
        let all_names = all_names.iter().map(|n| py_repr(n)).collect();
        unions.extend(models);
        ModelsView {
            all_names,
            enums,
            models: unions,
        }
    }
}

/// Resource class names that `pascal(tag)` does not give.
const RESOURCE_CLASSES: &[(&str, &str)] = &[("threeds", "ThreeDS")];
/// Extra Python bases of error classes (a `ValidationError` is also a `ValueError`).
const ERROR_EXTRA_BASES: &[(&str, &str)] = &[("ValidationError", "ValueError")];

#[derive(Serialize)]
pub struct ResourceView {
    /// `cards` (module and client attribute).
    module: String,
    doc: String,
    /// `Cards`; the async class is `Async` + this.
    class: String,
    /// The import statements, as ruff's isort writes them.
    imports: Vec<String>,
    /// Needs `SyncPage`/`AsyncPage` (imported for type checking only).
    pages: bool,
    methods: Vec<MethodView>,
}

#[derive(Serialize)]
struct MethodView {
    op: String,
    name: String,
    /// Docstring lines (the first is the summary).
    doc: Vec<String>,
    positional: Vec<ParamView>,
    keyword: Vec<ParamView>,
    idempotency_key: bool,
    /// `object`, `page` or `none`.
    call: &'static str,
    /// Model class (or page item class) as imported.
    model: String,
}

#[derive(Serialize)]
struct ParamView {
    /// JSON name (the core's parameter name).
    key: String,
    attr: String,
    ann: String,
    default: &'static str,
    /// The value expression passed on (`from_` or `_when(from_)`).
    value: String,
}

#[derive(Serialize)]
struct ErrorView {
    name: String,
    bases: String,
    doc: String,
}

/// isort's `order-by-type`: CONSTANTS, then Classes, then functions/variables.
fn isort_key(name: &str) -> (u8, String) {
    let bare = name.trim_start_matches('_');
    let rank = if bare.len() > 1 && bare.chars().all(|c| !c.is_ascii_lowercase()) {
        0
    } else if bare.starts_with(|c: char| c.is_ascii_uppercase()) {
        1
    } else {
        2
    };
    (rank, name.to_string())
}

/// `from module import a, b` sorted and wrapped as ruff's isort does (line length 100).
fn import_line(module: &str, names: impl Iterator<Item = String>) -> String {
    let mut names: Vec<String> = names.collect();
    names.sort_by_key(|n| isort_key(n));
    let line = format!("from {module} import {}", names.join(", "));
    if line.len() <= 100 {
        return line;
    }
    let mut out = format!("from {module} import (\n");
    for n in &names {
        out.push_str(&format!("    {n},\n"));
    }
    out.push(')');
    out
}

impl Py<'_> {
    fn resource_class(tag: &str) -> String {
        RESOURCE_CLASSES
            .iter()
            .find(|(t, _)| *t == tag)
            .map(|(_, c)| c.to_string())
            .unwrap_or_else(|| render::pascal(tag))
    }

    /// The annotation of an input parameter (what a caller may pass), and whether its value is
    /// a date-time the SDK formats (`_when`).
    fn param_type(&self, ty: &Type) -> (String, bool) {
        match ty {
            Type::Ref { name } => match self.api.schema(name).map(|s| &s.kind) {
                Some(SchemaKind::Enum { .. }) => {
                    (format!("Union[{}, str]", class_name(name)), false)
                }
                Some(SchemaKind::Scalar { ty, formats }) => {
                    if formats.iter().any(|f| f == "date-time") {
                        ("When".into(), true)
                    } else {
                        self.param_type(ty)
                    }
                }
                Some(SchemaKind::Object { .. }) => ("Mapping[str, Any]".into(), false),
                _ => ("Any".into(), false),
            },
            Type::String { format } if format.as_deref() == Some("date-time") => {
                ("When".into(), true)
            }
            Type::String { .. } | Type::Enum { .. } => ("str".into(), false),
            Type::Integer { .. } => ("int".into(), false),
            Type::Number { .. } => ("Amount".into(), false),
            Type::Boolean => ("bool".into(), false),
            Type::Array { items } => (format!("Sequence[{}]", self.param_type(items).0), false),
            Type::Object { .. } => ("Mapping[str, Any]".into(), false),
            Type::Const { .. } | Type::Any | Type::Union { .. } => ("Any".into(), false),
        }
    }

    fn param_view(&self, key: &str, ty: &Type, required: bool) -> ParamView {
        let (ann, when) = self.param_type(ty);
        let attr = attr_name(key);
        let value = if when {
            format!("_when({attr})")
        } else {
            attr.clone()
        };
        ParamView {
            key: key.to_string(),
            ann: if required {
                ann
            } else {
                format!("Optional[{ann}]")
            },
            default: if required { "REQUIRED" } else { "None" },
            attr,
            value,
        }
    }

    /// The item schema of a list envelope (`data: [X]`), paginated or not.
    fn list_item(&self, ty: &Type) -> Option<String> {
        let schema = self.ref_schema(ty)?;
        if !skipped(schema) {
            return None;
        }
        let SchemaKind::Object { fields, .. } = &schema.kind else {
            return None;
        };
        match &fields.iter().find(|f| f.name == "data")?.ty {
            Type::Array { items } => match items.as_ref() {
                Type::Ref { name } => Some(name.clone()),
                _ => None,
            },
            _ => None,
        }
    }

    fn resources_view(&self) -> Result<Vec<ResourceView>, String> {
        let mut out = Vec::new();
        for tag in &self.api.tags {
            let class = Self::resource_class(&tag.name);
            let own = [class.clone(), format!("Async{class}")];
            let mut models: BTreeSet<String> = BTreeSet::new();
            let mut base: BTreeSet<&str> = ["AsyncResource", "SyncResource", "_opts"]
                .into_iter()
                .collect();
            let mut pages = false;
            let mut methods = Vec::new();
            for id in &tag.operations {
                let op = self
                    .api
                    .operations
                    .iter()
                    .find(|o| &o.id == id)
                    .ok_or_else(|| format!("tag {}: no operation {id}", tag.name))?;
                // The sandbox server's own endpoints are not part of the SDK (the core has no
                // such operation).
                if op.sandbox_admin {
                    continue;
                }
                let positional: Vec<ParamView> = op
                    .path_params
                    .iter()
                    .map(|p| self.param_view(&p.name, &p.ty, true))
                    .collect();
                let mut keyword = Vec::new();
                if let Some(body) = &op.body {
                    let schema = self
                        .ref_schema(&body.ty)
                        .ok_or_else(|| format!("{id}: the body is not a named schema"))?;
                    if let SchemaKind::Object { fields, .. } = &schema.kind {
                        for f in fields {
                            keyword.push(self.param_view(&f.name, &f.ty, f.required));
                        }
                    }
                }
                for p in &op.query_params {
                    keyword.push(self.param_view(&p.name, &p.ty, p.required));
                }
                for p in positional.iter().chain(&keyword) {
                    base.insert("_params");
                    if p.default == "REQUIRED" {
                        base.insert("REQUIRED");
                    }
                    for alias in ["Amount", "When"] {
                        if p.ann.contains(alias) {
                            base.insert(alias);
                        }
                    }
                    if p.value.starts_with("_when(") {
                        base.insert("_when");
                    }
                    for word in p.ann.split(|c: char| !c.is_ascii_alphanumeric()) {
                        if self.kind(word) == Some(Kind::Enum) {
                            models.insert(word.to_string());
                        }
                    }
                }
                let (call, model) = match &op.response {
                    None => ("none", String::new()),
                    Some(ty) => match self.list_item(ty) {
                        Some(item) => {
                            pages = true;
                            ("page", item)
                        }
                        None => match self.ref_schema(ty) {
                            Some(s) if self.kind(&s.name) == Some(Kind::Model) => {
                                ("object", s.name.clone())
                            }
                            _ => return Err(format!("{id}: response is not a model")),
                        },
                    },
                };
                if !model.is_empty() {
                    models.insert(model.clone());
                }
                let mut doc = vec![format!("{}.", op.summary.as_deref().unwrap_or(&op.name))];
                let mut more = Vec::new();
                if let Some(d) = op.description.as_deref() {
                    more.push(doc_text(Some(d)));
                }
                if call == "page" && op.paginated {
                    more.push(
                        "Returns one page; ``auto_paging_iter()`` walks this page and every \
                         later one."
                            .to_string(),
                    );
                }
                if call == "object" {
                    let hidden = self.sensitive_fields(&model);
                    if !hidden.is_empty() {
                        more.push(format!("``repr`` hides ``{}``.", hidden.join("``, ``")));
                    }
                }
                for p in positional.iter().chain(&keyword) {
                    if p.attr != p.key {
                        more.push(format!("``{}`` is the API's ``{}``.", p.attr, p.key));
                    }
                }
                if !more.is_empty() {
                    doc.push(String::new());
                    doc.extend(more);
                }
                methods.push(MethodView {
                    op: op.id.clone(),
                    name: op.name.clone(),
                    doc: doc.iter().map(|l| doc_text(Some(l))).collect(),
                    positional,
                    keyword,
                    idempotency_key: op.idempotency_key,
                    call,
                    model,
                });
            }
            let alias = |m: &str| {
                let cls = class_name(m);
                if own.contains(&cls) {
                    format!("{cls}Model")
                } else {
                    cls
                }
            };
            for m in &mut methods {
                if !m.model.is_empty() {
                    m.model = alias(&m.model);
                }
            }
            let mut typing: BTreeSet<&str> = ["Optional"].into_iter().collect();
            if pages {
                typing.insert("TYPE_CHECKING");
            }
            for p in methods
                .iter()
                .flat_map(|m| m.positional.iter().chain(&m.keyword))
            {
                for word in p.ann.split(|c: char| !c.is_ascii_alphanumeric()) {
                    if ["Any", "Mapping", "Sequence", "Union"].contains(&word) {
                        typing.insert(word);
                    }
                }
            }
            let mut imports = vec![import_line("typing", typing.into_iter().map(String::from))];
            let plain = models.iter().filter(|m| alias(m) == class_name(m));
            imports.push(import_line(".._models", plain.map(|m| class_name(m))));
            for m in models.iter().filter(|m| alias(m) != class_name(m)) {
                imports.push(format!(
                    "from .._models import {} as {}",
                    class_name(m),
                    alias(m)
                ));
            }
            imports.push(import_line("._base", base.into_iter().map(String::from)));
            out.push(ResourceView {
                module: tag.name.clone(),
                doc: doc_text(tag.description.as_deref()),
                class,
                imports,
                pages,
                methods,
            });
        }
        Ok(out)
    }

    /// The fields of a model that `repr` hides.
    fn sensitive_fields(&self, model: &str) -> Vec<String> {
        self.object_fields(model)
            .iter()
            .filter(|f| {
                let uses = FieldUse {
                    field: f,
                    typed: true,
                    required: f.required,
                    documented: true,
                };
                self.field_view(&uses).1
            })
            .map(|f| attr_name(&f.name))
            .collect()
    }

    fn errors_view(&self) -> Vec<ErrorView> {
        self.api
            .error_classes
            .iter()
            .map(|c| {
                let mut bases = c.parent.clone().unwrap_or_else(|| "Exception".into());
                for (name, extra) in ERROR_EXTRA_BASES {
                    if *name == c.name {
                        bases = format!("{bases}, {extra}");
                    }
                }
                ErrorView {
                    name: c.name.clone(),
                    bases,
                    doc: doc_text(Some(&c.doc)),
                }
            })
            .collect()
    }
}

/// A named decimal amount (`Money`, `SignedMoney`: a number with a `multipleOf`): exposed as
/// `decimal.Decimal`.
fn is_money(s: &Schema) -> bool {
    matches!(
        &s.kind,
        SchemaKind::Scalar {
            ty: Type::Number { .. },
            ..
        }
    ) && s.constraints.multiple_of.is_some()
}

fn any() -> (String, Option<String>) {
    ("Any".into(), None)
}

/// Request bodies (`*Params`), list envelopes (`*List` of `data` + `pagination`) and the error
/// body are not models.
fn skipped(s: &Schema) -> bool {
    if s.name.ends_with("Params") || s.name == "Error" {
        return true;
    }
    let SchemaKind::Object { fields, .. } = &s.kind else {
        return false;
    };
    s.name.ends_with("List")
        && fields
            .iter()
            .all(|f| f.name == "data" || f.name == "pagination")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(class_name("card.created"), "CardCreated");
        assert_eq!(class_name("3ds"), "_3ds");
        assert_eq!(attr_name("from"), "from_");
        assert_eq!(attr_name("3ds"), "three_ds");
        assert_eq!(attr_name("to_dict"), "to_dict_");
        assert_eq!(enum_member("3ds.challenge"), "_3DS_CHALLENGE");
        assert_eq!(enum_member("*"), "EMPTY");
        assert_eq!(py_repr("it's"), "\"it's\"");
        assert_eq!(py_repr("a\\b"), "'a\\\\b'");
    }
}
