//! node: the Node package's generated files (see `codegen/templates/node/`).
//!
//! - `bindings-node/lib/models.js`: one class per response schema, the op -> result table, the
//!   list operations and the webhook event table; `models.d.ts`, `models.mjs`: their
//!   declarations (with the params interfaces, named as the IR's `params_type`) and ESM exports;
//! - `bindings-node/lib/resources/<tag>.js` + `index.js`: the resource layer (`client.cards`, ...),
//!   one class per tag, one method per public operation;
//! - `bindings-node/lib/error-classes.js`: the error classes of `x-error-classes` (those with
//!   fields of their own are hand-written in `lib/error-base.js`) and the table `CLASSES`;
//! - `bindings-node/index.d.ts` (resource interfaces, error classes; the rest is the template's
//!   text) and `index.mjs` (ESM names).
//!
//! The decisions (which schema is a model class, a page, a params interface; TypeScript types;
//! JS names and their few exceptions) are made here; the text is in the templates.

use std::collections::BTreeMap;

use minijinja::context;
use serde::Serialize;

use super::{Ctx, Output};
use crate::ir::{Api, Field, Operation, Schema, SchemaKind, Type};

pub fn generate(ctx: &Ctx) -> Result<Vec<Output>, String> {
    let env = crate::render::environment(ctx.api, &ctx.templates, "node")?;
    let view = View::new(ctx.api);
    let c = context! {
        models => view.models,
        enums => view.enums,
        aliases => view.aliases,
        params => view.params,
        query_params => view.query_params,
        deprecated_params => view.deprecated_params,
        results => view.results,
        list_operations => view.list_operations,
        events => view.events,
        event_union => view.event_union,
    };

    let mut out = Vec::new();
    for (template, path) in [
        ("models.js.j2", "bindings-node/lib/models.js"),
        ("models.d.ts.j2", "bindings-node/models.d.ts"),
        ("models.mjs.j2", "bindings-node/models.mjs"),
    ] {
        out.push(Output {
            path: path.into(),
            contents: super::render(&env, template, c.clone())?,
        });
    }
    let resources = resources(ctx.api, &view.types_used);
    let errors: Vec<ErrorView> = ctx
        .api
        .error_classes
        .iter()
        .map(|e| ErrorView {
            name: e.name.clone(),
            parent: e.parent.clone(),
            doc: js_doc(&error_doc(&e.doc), ""),
            text: error_doc(&e.doc),
            hand_written: HAND_WRITTEN_ERRORS.contains(&e.name.as_str()),
        })
        .collect();
    let rc = context! {
        resources => resources,
        errors => errors,
        hand_written_errors => HAND_WRITTEN_ERRORS,
        model_imports => resource_imports(&resources),
    };
    for r in &resources {
        out.push(Output {
            path: format!("bindings-node/lib/resources/{}.js", r.file).into(),
            contents: super::render(&env, "resource.js.j2", context! { r => r, ..rc.clone() })?,
        });
    }
    for (template, path) in [
        (
            "resources-index.js.j2",
            "bindings-node/lib/resources/index.js",
        ),
        ("error-classes.js.j2", "bindings-node/lib/error-classes.js"),
        ("index.d.ts.j2", "bindings-node/index.d.ts"),
        ("index.mjs.j2", "bindings-node/index.mjs"),
    ] {
        out.push(Output {
            path: path.into(),
            contents: super::render(&env, template, rc.clone())?,
        });
    }
    Ok(out)
}

/// An error class's doc as a Node user reads it: the error's fields by their camelCase property
/// names (`retry_after` -> `retryAfter`). API error codes (`insufficient_funds`) stay as they are.
fn error_doc(doc: &str) -> String {
    const FIELDS: &[&str] = &["retry_after", "idempotency_key", "request_id"];
    let mut out = doc.to_string();
    for f in FIELDS {
        out = out.replace(f, &format!("`{}`", js_camel(f)));
    }
    out
}

/// Error classes whose constructor sets Node-specific fields (`param`, `retryAfter`, `field`,
/// the abort's `code`): written by hand in `lib/error-base.js`; the others are generated.
const HAND_WRITTEN_ERRORS: &[&str] = &[
    "CryptoTopCardError",
    "APIError",
    "RateLimitError",
    "APIUserAbortError",
    "ValidationError",
];

#[derive(Serialize)]
struct ErrorView {
    name: String,
    parent: Option<String>,
    /// `/** doc */\n`.
    doc: String,
    /// The doc's text.
    text: String,
    hand_written: bool,
}

/// A resource namespace (`client.cards`): one tag of the spec.
#[derive(Serialize)]
struct Resource {
    /// Client property and file name (`cards`).
    prop: String,
    file: String,
    /// JS class (`lib/resources/<file>.js`).
    class: String,
    /// Its interface in index.d.ts.
    interface: String,
    /// JS base class and the module it comes from (relative to `lib/resources/`).
    base: String,
    base_module: String,
    doc: String,
    methods: Vec<Method>,
}

#[derive(Serialize)]
struct Method {
    name: String,
    op: String,
    /// `GET /cards/{card_id}`.
    route: String,
    /// Summary and description, one line.
    about: String,
    args: Vec<Arg>,
    /// `{ card_id: cardId }` or `null`.
    ids: String,
    /// `params` or `null`.
    params: &'static str,
    /// `_get` or `_page`.
    call: &'static str,
    /// `APIPromise<Card>`, `PagePromise<CardSummary>`.
    returns: String,
}

#[derive(Serialize)]
struct Arg {
    name: String,
    /// The type in index.d.ts.
    ts: String,
    /// The type in the JS JSDoc.
    jsdoc: String,
    optional: bool,
}

/// Class and interface names of each resource: (tag, JS class, index.d.ts interface, base class,
/// base module). A tag not listed gets its PascalCase name for both and `APIResource`.
const RESOURCE_NAMES: &[(&str, &str, &str, &str, &str)] = &[
    (
        "wallet",
        "Wallet",
        "WalletResource",
        "APIResource",
        "./resource",
    ),
    (
        "threeds",
        "ThreeDS",
        "ThreeDSResource",
        "APIResource",
        "./resource",
    ),
    (
        "webhooks",
        "Webhooks",
        "Webhooks",
        "WebhookHelpers",
        "./webhook-helpers",
    ),
    (
        "sandbox",
        "SandboxResource",
        "SandboxResource",
        "APIResource",
        "./resource",
    ),
];

fn resources(api: &Api, types: &TypesUsed) -> Vec<Resource> {
    let mut out = Vec::new();
    for tag in &api.tags {
        let ops: Vec<&Operation> = tag
            .operations
            .iter()
            .filter_map(|id| api.operation(id))
            .filter(|o| !o.sandbox_admin)
            .collect();
        if ops.is_empty() {
            continue;
        }
        let (class, interface, base, base_module) =
            match RESOURCE_NAMES.iter().find(|r| r.0 == tag.name) {
                Some(&(_, c, i, b, m)) => (c.into(), i.into(), b.into(), m.into()),
                None => {
                    let p = js_pascal(&tag.name);
                    (p.clone(), p, "APIResource".into(), "./resource".into())
                }
            };
        let methods = ops.iter().map(|o| method(o, types)).collect();
        out.push(Resource {
            prop: tag.name.clone(),
            file: tag.name.clone(),
            class,
            interface,
            base,
            base_module,
            doc: tag.description.clone().unwrap_or_default(),
            methods,
        });
    }
    out
}

fn method(o: &Operation, types: &TypesUsed) -> Method {
    let mut args: Vec<Arg> = o
        .path_params
        .iter()
        .map(|p| Arg {
            name: js_camel(&p.name),
            ts: "string".into(),
            jsdoc: "string".into(),
            optional: false,
        })
        .collect();
    let page_item = response_ref(o).and_then(|n| types.lists.get(n));
    let params = match (&o.params_type, &o.body) {
        (Some(t), Some(body)) => Some((t.clone(), !body.required)),
        (Some(t), None) => Some((t.clone(), o.query_params.iter().all(|q| !q.required))),
        // A list without filters still takes (empty) params, as every list does.
        (None, _) if page_item.is_some() => Some(("Record<string, never>".into(), true)),
        (None, _) => None,
    };
    if let Some((t, optional)) = &params {
        let jsdoc = if t.starts_with("Record<") {
            t.clone()
        } else {
            format!("import('../../models').{t}")
        };
        args.push(Arg {
            name: "params".into(),
            ts: t.clone(),
            jsdoc,
            optional: *optional,
        });
    }
    let ids = if o.path_params.is_empty() {
        "null".to_string()
    } else {
        let parts: Vec<String> = o
            .path_params
            .iter()
            .map(|p| format!("{}: {}", p.name, js_camel(&p.name)))
            .collect();
        format!("{{ {} }}", parts.join(", "))
    };
    let returns = match (page_item, response_ref(o)) {
        (Some(item), _) => format!("PagePromise<{item}>"),
        (None, Some(n)) => format!("APIPromise<{n}>"),
        (None, None) => "APIPromise<null>".into(),
    };
    let summary = o
        .summary
        .as_deref()
        .unwrap_or("")
        .trim()
        .trim_end_matches('.');
    let mut about = match o.description.as_deref().map(str::trim) {
        Some(d) if !d.is_empty() => format!("{summary}. {d}"),
        _ => format!("{summary}."),
    };
    if o.response.is_none() {
        about.push_str(&format!(
            " Resolves with null ({} No Content).",
            o.success_status
        ));
    }
    Method {
        name: js_camel(&o.name),
        op: o.id.clone(),
        route: format!("{} {}", o.http_method, o.path),
        about: crate::render::doc_line(&about).replace("*/", "*\\/"),
        args,
        ids,
        params: if params.is_some() { "params" } else { "null" },
        call: if page_item.is_some() { "_page" } else { "_get" },
        returns,
    }
}

/// The model names index.d.ts imports for its resource declarations, in first-use order.
fn resource_imports(resources: &[Resource]) -> Vec<String> {
    let mut out: Vec<String> = vec!["Page".into()];
    let mut add = |n: &str| {
        if !n.starts_with("Record<") && n != "string" && n != "null" && !out.iter().any(|x| x == n)
        {
            out.push(n.to_string());
        }
    };
    for r in resources {
        for m in &r.methods {
            for a in &m.args {
                add(&a.ts);
            }
            let inner = m
                .returns
                .split_once('<')
                .map_or("", |(_, t)| t.trim_end_matches('>'));
            add(inner);
        }
    }
    add("WebhookEvent");
    out
}

/// What the resource layer needs from the model analysis.
struct TypesUsed {
    lists: BTreeMap<String, String>,
}

/// A JS identifier from a wire name: `created_at` -> `createdAt`, `3ds` -> `threeDs`.
pub fn js_camel(wire: &str) -> String {
    const DIGITS: [&str; 10] = [
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    ];
    let mut out = String::new();
    let mut chars = wire.chars().peekable();
    while let Some(c) = chars.next() {
        match chars.peek() {
            Some(&n) if c == '_' && (n.is_ascii_lowercase() || n.is_ascii_digit()) => {
                out.push(n.to_ascii_uppercase());
                chars.next();
            }
            _ => out.push(c),
        }
    }
    match out.chars().next().and_then(|c| c.to_digit(10)) {
        Some(d) => {
            let rest: String = out.chars().skip(1).collect();
            let mut r = rest.chars();
            let second = r.next().map(|c| c.to_ascii_uppercase().to_string());
            format!(
                "{}{}{}",
                DIGITS[d as usize],
                second.unwrap_or_default(),
                r.as_str()
            )
        }
        None => out,
    }
}

/// `cards.list` -> `CardsList` (parts split on `.`, `_`, `-`, spaces; each capitalised).
pub fn js_pascal(s: &str) -> String {
    s.split(['.', '_', '-', ' '])
        .filter(|p| !p.is_empty())
        .map(|p| {
            let mut c = p.chars();
            match c.next() {
                Some(f) => f.to_ascii_uppercase().to_string() + c.as_str(),
                None => String::new(),
            }
        })
        .collect()
}

/// A one-line JSDoc comment (`/** text */`), or nothing for an empty text.
fn js_doc(text: &str, indent: &str) -> String {
    let t = text.trim();
    if t.is_empty() {
        return String::new();
    }
    let one = t.split('\n').collect::<Vec<_>>().join(" ");
    format!("{indent}/** {} */\n", one.replace("*/", "*\\/"))
}

fn json(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    Result,
    Params,
}

/// One model class (lib/models.js, models.d.ts).
#[derive(Serialize)]
struct Model {
    name: String,
    /// JSDoc of the class in lib/models.js.
    js_doc: String,
    /// JSDoc of the class in models.d.ts.
    dts_doc: String,
    fields: Vec<ModelField>,
}

#[derive(Serialize)]
struct ModelField {
    key: String,
    wire: String,
    /// `v`, `toModel(Card, v)`, `camelDeep(v)`, ...
    value: String,
    sensitive: bool,
    kind: &'static str,
    /// JSON of the model name the field holds, or `null`.
    model: String,
    doc: String,
    optional: bool,
    ts: String,
}

#[derive(Serialize)]
struct Alias {
    doc: String,
    name: String,
    ts: String,
}

#[derive(Serialize)]
struct Interface {
    doc: String,
    name: String,
    fields: Vec<Member>,
}

#[derive(Serialize)]
struct Member {
    doc: String,
    name: String,
    optional: bool,
    ts: String,
}

#[derive(Serialize)]
struct Entry {
    key: String,
    value: String,
}

struct View {
    models: Vec<Model>,
    enums: Vec<Alias>,
    aliases: Vec<Alias>,
    params: Vec<Interface>,
    query_params: Vec<Interface>,
    /// Old params type name -> the IR's name.
    deprecated_params: Vec<Entry>,
    results: Vec<Entry>,
    list_operations: String,
    events: Vec<Entry>,
    event_union: String,
    types_used: TypesUsed,
}

/// What the type mapping needs to know about the schemas.
struct Types<'a> {
    api: &'a Api,
    /// List schema -> item schema (objects with `pagination` and `data: [$ref]`).
    lists: BTreeMap<String, String>,
    /// Request bodies and `*Params` schemas, in the order they are declared.
    requests: Vec<String>,
    /// Response schemas that become classes.
    classes: Vec<String>,
}

impl Types<'_> {
    fn is_class(&self, name: &str) -> bool {
        self.classes.iter().any(|c| c == name)
    }

    fn is_request(&self, name: &str) -> bool {
        self.requests.iter().any(|c| c == name)
    }

    /// The TypeScript type of a use of `ty`.
    fn ts(&self, ty: &Type, nullable: bool, mode: Mode) -> String {
        let t = match ty {
            Type::Ref { name } => {
                if let Some(item) = self.lists.get(name) {
                    return format!("Page<{item}>");
                }
                let is_enum = matches!(
                    self.api.schema(name).map(|s| &s.kind),
                    Some(SchemaKind::Enum { .. })
                );
                if mode == Mode::Params && !is_enum && self.is_request(name) {
                    return name.clone();
                }
                return if nullable {
                    format!("{name} | null")
                } else {
                    name.clone()
                };
            }
            Type::Const { value } => serde_json::to_string(value).unwrap_or_default(),
            Type::Enum { values } => {
                let mut lits: Vec<String> = values.iter().map(|v| json(v)).collect();
                if mode == Mode::Result {
                    lits.push("(string & {})".into());
                }
                lits.join(" | ")
            }
            Type::Union { variants } => variants
                .iter()
                .map(|v| self.ts(v, false, mode))
                .collect::<Vec<_>>()
                .join(" | "),
            Type::String { .. } => "string".into(),
            Type::Integer { .. } | Type::Number { .. } => "number".into(),
            Type::Boolean => "boolean".into(),
            Type::Any => "unknown".into(),
            Type::Array { items } => {
                let inner = self.ts(items, false, mode);
                if inner.contains(['|', '&', ' ']) {
                    format!("Array<{inner}>")
                } else {
                    format!("{inner}[]")
                }
            }
            Type::Object {
                fields, additional, ..
            } => self.object(fields, additional.as_deref(), mode),
        };
        if nullable && mode == Mode::Result {
            format!("{t} | null")
        } else {
            t
        }
    }

    fn object(&self, fields: &[Field], additional: Option<&Type>, mode: Mode) -> String {
        if !fields.is_empty() {
            let parts: Vec<String> = fields
                .iter()
                .map(|f| {
                    format!(
                        "{}{}: {}",
                        js_camel(&f.name),
                        if f.required { "" } else { "?" },
                        self.ts(&f.ty, f.nullable, mode)
                    )
                })
                .collect();
            return format!("{{ {} }}", parts.join("; "));
        }
        match additional {
            Some(a) => format!("Record<string, {}>", self.ts(a, false, mode)),
            None => "Record<string, unknown>".into(),
        }
    }

    /// The type a named schema is an alias of (scalars, unions, maps).
    fn named(&self, s: &Schema) -> String {
        let t = match &s.kind {
            // `type: string` + `anyOf` of formats: each format alone is untyped.
            SchemaKind::Scalar { formats, .. } if !formats.is_empty() => {
                vec!["unknown"; formats.len()].join(" | ")
            }
            SchemaKind::Scalar { ty, .. } => self.ts(ty, false, Mode::Result),
            SchemaKind::Union { variants, .. } => variants.join(" | "),
            SchemaKind::Object {
                fields, additional, ..
            } => self.object(fields, additional.as_ref(), Mode::Result),
            SchemaKind::Enum { values } => self.ts(
                &Type::Enum {
                    values: values.clone(),
                },
                false,
                Mode::Result,
            ),
        };
        if s.nullable {
            format!("{t} | null")
        } else {
            t
        }
    }

    /// How lib/model.js converts a field: (kind, model it holds).
    fn field_kind(&self, f: &Field) -> (&'static str, Option<String>) {
        if f.name == "metadata" {
            return ("data", None);
        }
        match &f.ty {
            Type::Ref { name } if self.is_class(name) => ("model", Some(name.clone())),
            Type::Array { items } => match items.as_ref() {
                Type::Ref { name } if self.is_class(name) => ("models", Some(name.clone())),
                Type::Object { fields, .. } if !fields.is_empty() => ("json", None),
                _ => ("value", None),
            },
            Type::Object { fields, .. } if !fields.is_empty() => ("json", None),
            Type::Object { .. } => ("data", None),
            _ => ("value", None),
        }
    }
}

/// The public operations, grouped by path as the old generator listed them (GET, POST, PUT,
/// PATCH, DELETE within one path).
pub fn public_operations(api: &Api) -> Vec<&Operation> {
    const ORDER: [&str; 5] = ["GET", "POST", "PUT", "PATCH", "DELETE"];
    let mut ops: Vec<(usize, usize, &Operation)> = Vec::new();
    let mut paths: Vec<&str> = Vec::new();
    for op in api.operations.iter().filter(|o| !o.sandbox_admin) {
        let p = match paths.iter().position(|p| *p == op.path) {
            Some(i) => i,
            None => {
                paths.push(&op.path);
                paths.len() - 1
            }
        };
        let m = ORDER
            .iter()
            .position(|m| *m == op.http_method)
            .unwrap_or(ORDER.len());
        ops.push((p, m, op));
    }
    ops.sort_by_key(|(p, m, _)| (*p, *m));
    ops.into_iter().map(|(_, _, o)| o).collect()
}

fn response_ref(op: &Operation) -> Option<&str> {
    match &op.response {
        Some(Type::Ref { name }) => Some(name),
        _ => None,
    }
}

impl View {
    fn new(api: &Api) -> View {
        let mut lists = BTreeMap::new();
        let mut classes = Vec::new();
        for s in &api.schemas {
            let SchemaKind::Object { fields, .. } = &s.kind else {
                continue;
            };
            let data = fields.iter().find(|f| f.name == "data");
            let has_pagination = fields.iter().any(|f| f.name == "pagination");
            if let (
                true,
                Some(Field {
                    ty: Type::Array { items },
                    ..
                }),
            ) = (has_pagination, data)
            {
                if let Type::Ref { name } = items.as_ref() {
                    lists.insert(s.name.clone(), name.clone());
                    continue;
                }
            }
            if !fields.is_empty() {
                classes.push(s.name.clone());
            }
        }
        let ops = public_operations(api);
        let mut requests: Vec<String> = Vec::new();
        for op in &ops {
            if let Some(body) = &op.body {
                if let Type::Ref { name } = &body.ty {
                    if !requests.contains(name) {
                        requests.push(name.clone());
                    }
                }
            }
        }
        for s in &api.schemas {
            if s.name.ends_with("Params") && !requests.contains(&s.name) {
                requests.push(s.name.clone());
            }
        }
        classes.retain(|c| !requests.contains(c) && c != "Error" && c != "ErrorBody");
        let types = Types {
            api,
            lists,
            requests,
            classes,
        };

        let models = types
            .classes
            .iter()
            .filter_map(|name| api.schema(name))
            .map(|s| model(&types, s))
            .collect();
        let enums = api
            .schemas
            .iter()
            .filter(|s| matches!(s.kind, SchemaKind::Enum { .. }))
            .map(|s| Alias {
                doc: js_doc(s.doc.as_deref().unwrap_or(""), ""),
                name: s.name.clone(),
                ts: types.named(s),
            })
            .collect();
        let aliases = api
            .schemas
            .iter()
            .filter(|s| {
                !matches!(s.kind, SchemaKind::Enum { .. })
                    && !types.is_class(&s.name)
                    && !types.lists.contains_key(&s.name)
                    && !types.is_request(&s.name)
                    && s.name != "Error"
            })
            .map(|s| Alias {
                doc: js_doc(s.doc.as_deref().unwrap_or(""), ""),
                name: s.name.clone(),
                ts: types.named(s),
            })
            .collect();
        let params = types
            .requests
            .iter()
            .filter_map(|n| api.schema(n))
            .map(|s| Interface {
                doc: js_doc(s.doc.as_deref().unwrap_or(""), ""),
                name: s.name.clone(),
                fields: s
                    .object_fields()
                    .unwrap_or_default()
                    .iter()
                    .map(|f| Member {
                        doc: js_doc(f.doc.as_deref().unwrap_or(""), "  "),
                        name: js_camel(&f.name),
                        optional: !f.required,
                        ts: types.ts(&f.ty, f.nullable, Mode::Params),
                    })
                    .collect(),
            })
            .collect();
        let query_params = ops
            .iter()
            .filter(|o| !o.query_params.is_empty())
            .filter_map(|o| {
                let name = o.params_type.clone()?;
                if types.is_request(&name) {
                    return None;
                }
                Some(Interface {
                    doc: format!(
                        "/** Query parameters of `{}` ({} {}). */\n",
                        o.id, o.http_method, o.path
                    ),
                    name,
                    fields: o
                        .query_params
                        .iter()
                        .map(|q| Member {
                            doc: js_doc(q.doc.as_deref().unwrap_or(""), "  "),
                            name: js_camel(&q.name),
                            optional: !q.required,
                            ts: types.ts(&q.ty, q.nullable, Mode::Params),
                        })
                        .collect(),
                })
            })
            .collect();
        // The names the package used before the IR named each params type once for every
        // language (`CardsListParams`): kept one release as deprecated aliases.
        let deprecated_params = ops
            .iter()
            .filter(|o| !o.query_params.is_empty())
            .filter_map(|o| {
                let name = o.params_type.clone()?;
                let old = format!("{}Params", js_pascal(&o.id));
                (old != name && !types.is_request(&old)).then_some(Entry {
                    key: old,
                    value: name,
                })
            })
            .collect();
        let results = ops
            .iter()
            .map(|o| {
                let r = response_ref(o).map(|n| types.lists.get(n).map_or(n, String::as_str));
                Entry {
                    key: json(&o.id),
                    value: match r {
                        Some(n) if types.is_class(n) => json(n),
                        _ => "null".into(),
                    },
                }
            })
            .collect();
        let list_ids: Vec<&str> = ops
            .iter()
            .filter(|o| response_ref(o).is_some_and(|n| types.lists.contains_key(n)))
            .map(|o| o.id.as_str())
            .collect();
        let list_operations = serde_json::to_string(&list_ids).unwrap_or_default();
        let events = api
            .webhooks
            .iter()
            .filter_map(|w| {
                let s = w.schema.as_deref()?;
                Some(Entry {
                    key: json(&w.event_type),
                    value: if types.is_class(s) {
                        json(s)
                    } else {
                        "null".into()
                    },
                })
            })
            .collect();
        let event_names: Vec<&str> = api
            .webhooks
            .iter()
            .filter_map(|w| w.schema.as_deref())
            .filter(|s| types.is_class(s))
            .collect();
        let event_union = if event_names.is_empty() {
            "Record<string, unknown>".to_string()
        } else {
            event_names.join(" | ")
        };
        View {
            models,
            enums,
            aliases,
            params,
            query_params,
            deprecated_params,
            results,
            list_operations,
            events,
            event_union,
            types_used: TypesUsed {
                lists: types.lists.clone(),
            },
        }
    }
}

fn model(types: &Types, s: &Schema) -> Model {
    let about = s.doc.as_deref().unwrap_or("").trim();
    let fields = s
        .object_fields()
        .unwrap_or_default()
        .iter()
        .map(|f| {
            let (kind, model) = types.field_kind(f);
            let value = match (kind, &model) {
                ("model", Some(m)) => format!("toModel({m}, v)"),
                ("models", Some(m)) => format!("toModels({m}, v)"),
                ("json", _) => "camelDeep(v)".into(),
                _ => "v".into(),
            };
            let note = if f.sensitive {
                " Sensitive: hidden from util.inspect and JSON.stringify; read it explicitly."
            } else {
                ""
            };
            let doc = format!("{}{note}", f.doc.as_deref().unwrap_or("").trim());
            ModelField {
                key: js_camel(&f.name),
                wire: f.name.clone(),
                value,
                sensitive: f.sensitive,
                kind,
                model: model.as_deref().map_or_else(|| "null".into(), json),
                doc: js_doc(&doc, "  "),
                optional: !f.required,
                ts: types.ts(&f.ty, f.nullable, Mode::Result),
            }
        })
        .collect();
    Model {
        name: s.name.clone(),
        js_doc: js_doc(about, ""),
        dts_doc: js_doc(
            &format!(
                "{about}{}Unknown fields: see WithUnknownFields.",
                if about.is_empty() { "" } else { " " }
            ),
            "",
        ),
        fields,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(js_camel("created_at"), "createdAt");
        assert_eq!(js_camel("3ds"), "threeDs");
        assert_eq!(js_camel("error_500"), "error500");
        assert_eq!(js_camel("last4"), "last4");
        assert_eq!(
            js_pascal("sandbox.confirm_deposit"),
            "SandboxConfirmDeposit"
        );
        assert_eq!(js_pascal("threeds.list"), "ThreedsList");
    }

    #[test]
    fn every_public_operation_has_one_method() {
        let text = include_str!("../../../spec/openapi.yaml");
        let api = Api::from_yaml(text).expect("spec");
        let view = View::new(&api);
        let rs = resources(&api, &view.types_used);
        let mut ops: Vec<&str> = rs
            .iter()
            .flat_map(|r| r.methods.iter().map(|m| m.op.as_str()))
            .collect();
        ops.sort_unstable();
        let mut want: Vec<&str> = api
            .operations
            .iter()
            .filter(|o| !o.sandbox_admin)
            .map(|o| o.id.as_str())
            .collect();
        want.sort_unstable();
        assert_eq!(ops, want);
        let cards = rs.iter().find(|r| r.prop == "cards").expect("cards");
        let list = cards
            .methods
            .iter()
            .find(|m| m.name == "list")
            .expect("list");
        assert_eq!(list.returns, "PagePromise<CardSummary>");
        assert_eq!(list.args[0].ts, "CardListParams");
        assert!(list.args[0].optional);
    }

    #[test]
    fn doc_comments() {
        assert_eq!(js_doc("  a\nb */ ", "  "), "  /** a b *\\/ */\n");
        assert_eq!(js_doc(" ", ""), "");
    }
}
