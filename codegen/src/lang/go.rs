//! go: the Go module's generated files in `bindings-go/` (templates in `codegen/templates/go/`):
//! - `models_gen.go`: one Go type per schema (structs keep unknown answer members in `Extra`; an
//!   `x-sensitive` string is a `Secret`; structs holding one get a `slog.LogValuer`), the
//!   query-parameter structs of the operations, and the wire names of the sensitive fields;
//! - `services_gen.go`: the operation list and the `Client`'s resource fields;
//! - one `<resource>_gen.go` per resource (`cards_gen.go`, ...): its methods and auto-pagers;
//! - `errors_gen.go`: the error classes (`x-error-classes`).
//!
//! The decisions (Go names, type mapping, pointers, what is a model) are made here; the text is
//! in the templates. Output is gofmt's: templates separate aligned cells with tabs and [`align`]
//! lays them out as gofmt's tabwriter does; imports are derived from the code.

use std::collections::{BTreeSet, HashMap};

use minijinja::{context, Value};
use serde::Serialize;

use super::{Ctx, Output};
use crate::ir::{Api, Field, Operation, SchemaKind, Type};
use crate::render;

const DIR: &str = "bindings-go";
pub fn generate(ctx: &Ctx) -> Result<Vec<Output>, String> {
    let mut env = render::environment(ctx.api, &ctx.templates, "go")?;
    env.add_filter("goquote", |s: &str| quote(s));
    let models = Models::build(ctx.api)?;
    let services = services(ctx.api, &models)?;
    let classes = error_classes(ctx.api)?;

    let mut out = Vec::new();
    let mut file = |name: String, template: &str, ctx: Value| -> Result<(), String> {
        let body = super::render(&env, template, ctx)?;
        let src = super::render(
            &env,
            "file.go.j2",
            context! { imports => imports(&body), body => body.trim_end() },
        )?;
        out.push(Output {
            path: format!("{DIR}/{name}").into(),
            contents: align(&src),
        });
        Ok(())
    };
    file(
        "models_gen.go".into(),
        "models.go.j2",
        context! {
            decls => Value::from_serialize(&models.decls),
            sensitive_wire_names => Value::from_serialize(&models.sensitive_wire_names),
            log_valuers => Value::from_serialize(&models.log_valuers),
            log_attrs => Value::from_serialize(&models.log_attrs),
        },
    )?;
    file(
        "services_gen.go".into(),
        "services.go.j2",
        context! { services => Value::from_serialize(&services) },
    )?;
    for s in &services {
        file(
            format!("{}_gen.go", s.name.to_lowercase()),
            "resource.go.j2",
            context! { service => Value::from_serialize(s) },
        )?;
    }
    file(
        "errors_gen.go".into(),
        "errors.go.j2",
        context! { classes => Value::from_serialize(&classes) },
    )?;
    Ok(out)
}

// ---------- names ----------

const INITIALISMS: &[(&str, &str)] = &[
    ("id", "ID"),
    ("url", "URL"),
    ("pan", "PAN"),
    ("cvv", "CVV"),
    ("otp", "OTP"),
    ("usd", "USD"),
    ("mcc", "MCC"),
    ("api", "API"),
    ("http", "HTTP"),
    ("https", "HTTPS"),
    ("json", "JSON"),
    ("ip", "IP"),
    ("3ds", "ThreeDS"),
    ("threeds", "ThreeDS"),
    ("ids", "IDs"),
    ("uri", "URI"),
    ("btc", "BTC"),
    ("eth", "ETH"),
    ("sol", "SOL"),
    ("usdt", "USDT"),
    ("erc", "ERC"),
    ("ds", "DS"),
];

/// `card_id`, `card.created`, `3ds.challenge`, `CardDetails` as Go identifiers (`CardID`,
/// `CardCreated`, `ThreeDSChallenge`, `CardDetails`); `*` is `All`.
pub fn go_name(s: &str) -> String {
    if s == "*" {
        return "All".into();
    }
    let mut out = String::new();
    for part in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|p| !p.is_empty())
    {
        let lower = part.to_lowercase();
        let ini = INITIALISMS
            .iter()
            .find(|(k, _)| *k == lower)
            .map(|(_, v)| *v);
        match ini {
            Some(ini) if lower == part || part.to_uppercase() == part => out.push_str(ini),
            _ => {
                let mut c = part.chars();
                if let Some(f) = c.next() {
                    out.extend(f.to_uppercase());
                    out.push_str(c.as_str());
                }
            }
        }
    }
    if out.is_empty() {
        return "Value".into();
    }
    if out.starts_with(|c: char| c.is_ascii_digit()) {
        out.insert(0, 'N');
    }
    out
}

/// A Go parameter name: `card_id` is `cardID`, `id` is `id`.
pub fn lower_camel(s: &str) -> String {
    let n = go_name(s);
    let longest = INITIALISMS
        .iter()
        .map(|(_, up)| *up)
        .filter(|up| n.starts_with(up))
        .max_by_key(|up| up.len());
    if let Some(up) = longest {
        return up.to_lowercase() + &n[up.len()..];
    }
    let mut c = n.chars();
    match c.next() {
        Some(f) => f.to_lowercase().collect::<String>() + c.as_str(),
        None => n,
    }
}

/// Text on one line, as doc comments carry it.
fn one_line(s: Option<&str>) -> String {
    render::doc_line(s.unwrap_or(""))
}

/// A Go string literal (what `%q` gives for the printable text of the spec).
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02x}", c as u32))
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

// ---------- models ----------

/// A declaration of models_gen.go, in emission order.
#[derive(Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum Decl {
    /// `type Name = Target`.
    Alias {
        name: String,
        doc: String,
        target: String,
    },
    /// `type Name string` and its constants.
    Enum {
        name: String,
        doc: String,
        consts: Vec<EnumConst>,
    },
    Struct(Struct),
}

#[derive(Serialize)]
struct EnumConst {
    name: String,
    value: String,
}

#[derive(Serialize, Clone)]
struct Struct {
    name: String,
    doc: String,
    fields: Vec<GoField>,
    /// An API answer (not a `...Params` input): keeps unknown members in `Extra`.
    model: bool,
    /// For a paginated list: the params type of its next page.
    next_page: Option<String>,
    /// For a discriminated union: its variants (the struct holds the fields they share).
    union_of: Vec<String>,
}

#[derive(Serialize, Clone)]
struct GoField {
    wire: String,
    name: String,
    /// The Go type without the pointer.
    base: String,
    /// The declared type (`*base` when `ptr`).
    ty: String,
    tag: String,
    doc: String,
    ptr: bool,
    omit: bool,
    sensitive: bool,
    /// A slice: decoded item by item (`decodeSlice`).
    slice: bool,
}

/// `logAttrs` of a struct, for slog.
#[derive(Serialize)]
struct LogAttrs {
    name: String,
    fields: Vec<LogField>,
    model: bool,
}

#[derive(Serialize)]
struct LogField {
    wire: String,
    name: String,
    ptr: bool,
    /// A generated struct: logged as a group of its own attrs.
    nested: bool,
    /// Optional Secret: logged when set.
    zero_check: bool,
}

#[derive(Serialize)]
struct LogValuer {
    name: String,
    secrets: String,
}

/// A type the spec writes inline, named after where it is used.
enum Inline<'a> {
    /// The query parameters of an operation.
    Query(&'a Operation),
    /// An inline object (a field's, or the items of an array field).
    Object { fields: Vec<Field>, doc: String },
}

struct Models {
    decls: Vec<Decl>,
    sensitive_wire_names: Vec<String>,
    log_valuers: Vec<LogValuer>,
    log_attrs: Vec<LogAttrs>,
    /// Every declared type name.
    declared: BTreeSet<String>,
}

struct Builder<'a> {
    api: &'a Api,
    inline: Vec<(String, Inline<'a>)>,
    declared: BTreeSet<String>,
    structs: HashMap<String, Struct>,
    /// Structs with a sensitive field, in emission order.
    sensitive: Vec<String>,
    sensitive_wire: BTreeSet<String>,
    next_page: HashMap<String, String>,
    decls: Vec<Decl>,
}

/// The operations the Go client calls (the sandbox server's admin endpoints are not among them).
fn client_operations(api: &Api) -> impl Iterator<Item = &Operation> {
    api.operations.iter().filter(|o| !o.sandbox_admin)
}

/// The item schema of a page (`{data: [...], pagination: {...}}`), as a Go type.
fn list_item(api: &Api, response: Option<&Type>) -> Option<String> {
    let Some(Type::Ref { name }) = response else {
        return None;
    };
    let SchemaKind::Object { fields, .. } = &api.schema(name)?.kind else {
        return None;
    };
    if !fields.iter().any(|f| f.name == "pagination") {
        return None;
    }
    match &fields.iter().find(|f| f.name == "data")?.ty {
        Type::Array { items } => match items.as_ref() {
            Type::Ref { name } => Some(go_name(name)),
            _ => None,
        },
        _ => None,
    }
}

impl<'a> Builder<'a> {
    /// The Go type of a type use; inline objects are queued as types called `hint`.
    fn go_type(&mut self, ty: &Type, hint: &str, doc: Option<&str>) -> String {
        match ty {
            Type::Ref { name } => go_name(name),
            Type::String { format } if format.as_deref() == Some("date-time") => "time.Time".into(),
            Type::String { .. } | Type::Enum { .. } | Type::Const { .. } => "string".into(),
            Type::Integer { .. } => "int".into(),
            Type::Number { .. } => "float64".into(),
            Type::Boolean => "bool".into(),
            Type::Any | Type::Union { .. } => "any".into(),
            Type::Array { items } => {
                format!("[]{}", self.go_type(items, &format!("{hint}Item"), None))
            }
            Type::Object {
                fields, additional, ..
            } => {
                if !fields.is_empty() {
                    self.inline.push((
                        hint.to_string(),
                        Inline::Object {
                            fields: fields.clone(),
                            doc: one_line(doc),
                        },
                    ));
                    hint.to_string()
                } else if let Some(a) = additional {
                    format!(
                        "map[string]{}",
                        self.go_type(a, &format!("{hint}Value"), None)
                    )
                } else {
                    "map[string]any".into()
                }
            }
        }
    }

    /// Whether an optional field of this Go type is a pointer (scalars and structs) rather than
    /// nil-able as it is (slices, maps, any).
    fn ptrable(&self, typ: &str) -> bool {
        if typ.starts_with("[]")
            || typ.starts_with("map[")
            || typ == "any"
            || typ == "json.RawMessage"
        {
            return false;
        }
        match self.api.schemas.iter().find(|s| go_name(&s.name) == typ) {
            None => true,
            Some(s) => match &s.kind {
                SchemaKind::Object { fields, .. } => !fields.is_empty(),
                SchemaKind::Enum { .. } => true,
                SchemaKind::Union { .. } => false,
                SchemaKind::Scalar { ty, .. } => !matches!(
                    ty,
                    Type::Array { .. } | Type::Any | Type::Union { .. } | Type::Object { .. }
                ),
            },
        }
    }

    fn emit_struct(&mut self, name: String, doc: String, fields: &[Field]) -> Result<(), String> {
        let mut out = Vec::new();
        for f in fields {
            let fname = go_name(&f.name);
            let mut base = self.go_type(&f.ty, &format!("{name}{fname}"), f.doc.as_deref());
            let omit = !f.required || f.nullable;
            let mut ptr = omit && self.ptrable(&base);
            if f.sensitive {
                // A sensitive value is a Secret: never printed, logged or marshalled, read with
                // Reveal. Absent is the zero Secret (omitzero), so it is never a pointer.
                if base != "string" {
                    return Err(format!(
                        "{name}.{}: x-sensitive is supported on strings only, not {base}",
                        f.name
                    ));
                }
                base = "Secret".into();
                ptr = false;
                self.sensitive_wire.insert(f.name.clone());
            }
            let tag = match (omit, f.sensitive) {
                (true, true) => format!("{},omitzero", f.name),
                (true, false) => format!("{},omitempty", f.name),
                _ => f.name.clone(),
            };
            out.push(GoField {
                wire: f.name.clone(),
                ty: if ptr {
                    format!("*{base}")
                } else {
                    base.clone()
                },
                slice: !ptr && base.starts_with("[]"),
                base,
                name: fname,
                tag,
                doc: one_line(f.doc.as_deref()),
                ptr,
                omit,
                sensitive: f.sensitive,
            });
        }
        let model = !name.ends_with("Params");
        if model {
            if let Some(f) = out
                .iter()
                .find(|f| f.name == "Extra" || f.name == "NextPage")
            {
                return Err(format!(
                    "{name}.{}: the Go name {} is taken by the SDK",
                    f.wire, f.name
                ));
            }
        }
        if out.iter().any(|f| f.sensitive) {
            self.sensitive.push(name.clone());
        }
        let s = Struct {
            union_of: Vec::new(),
            next_page: if model {
                self.next_page.get(&name).cloned()
            } else {
                None
            },
            name: name.clone(),
            doc,
            fields: out,
            model,
        };
        self.structs.insert(name, s.clone());
        self.decls.push(Decl::Struct(s));
        Ok(())
    }

    fn emit_schema(&mut self, schema: &'a crate::ir::Schema) -> Result<(), String> {
        let name = go_name(&schema.name);
        if !self.declared.insert(name.clone()) {
            return Ok(());
        }
        let doc = one_line(schema.doc.as_deref());
        match &schema.kind {
            SchemaKind::Enum { values } => {
                let consts = values
                    .iter()
                    .map(|v| EnumConst {
                        name: format!("{name}{}", go_name(v)),
                        value: v.clone(),
                    })
                    .collect();
                self.decls.push(Decl::Enum { name, doc, consts });
            }
            SchemaKind::Object { fields, .. } if !fields.is_empty() => {
                self.emit_struct(name, doc, fields)
                    .map_err(|e| format!("schema {}: {e}", schema.name))?;
            }
            SchemaKind::Object { additional, .. } => {
                let target = match additional {
                    Some(a) => format!(
                        "map[string]{}",
                        self.go_type(a, &format!("{name}Value"), None)
                    ),
                    None => "map[string]any".into(),
                };
                self.decls.push(Decl::Alias { name, doc, target });
            }
            SchemaKind::Scalar { ty, .. } => {
                let target = self.go_type(ty, &format!("{name}Value"), None);
                self.decls.push(Decl::Alias { name, doc, target });
            }
            SchemaKind::Union {
                variants,
                discriminator,
            } => {
                let fields = self
                    .union_fields(&name, variants, discriminator.as_ref())
                    .map_err(|e| format!("schema {}: {e}", schema.name))?;
                let s = Struct {
                    name,
                    doc,
                    union_of: variants.iter().map(|v| go_name(v)).collect(),
                    fields,
                    model: false,
                    next_page: None,
                };
                self.structs.insert(s.name.clone(), s.clone());
                self.decls.push(Decl::Struct(s));
            }
        }
        Ok(())
    }

    /// The fields every variant of a discriminated union has: the discriminator typed by the
    /// enum of its values when the spec has one; a field whose type differs by variant is its
    /// raw JSON, of type `<Union><Field>` (hand-written, e.g. `EventData`, which redacts).
    fn union_fields(
        &mut self,
        union: &str,
        variants: &[String],
        discriminator: Option<&crate::ir::Discriminator>,
    ) -> Result<Vec<GoField>, String> {
        let api = self.api;
        let mut objects = Vec::new();
        for v in variants {
            match api.schema(v).map(|s| &s.kind) {
                Some(SchemaKind::Object { fields, .. }) => objects.push(fields),
                _ => return Err(format!("variant {v} is not an object")),
            }
        }
        let Some((first, rest)) = objects.split_first() else {
            return Err("a union without variants".into());
        };
        let mut out = Vec::new();
        for f in first.iter() {
            let others: Vec<&Field> = rest
                .iter()
                .filter_map(|o| o.iter().find(|g| g.name == f.name))
                .collect();
            if others.len() != rest.len() {
                continue;
            }
            let name = go_name(&f.name);
            let hint = format!("{union}{name}");
            let ty = match discriminator {
                Some(d) if d.property == f.name => {
                    let mut keys: Vec<&String> = d.mapping.iter().map(|(k, _)| k).collect();
                    keys.sort();
                    api.schemas
                        .iter()
                        .find(|s| match &s.kind {
                            SchemaKind::Enum { values } => {
                                let mut v: Vec<&String> = values.iter().collect();
                                v.sort();
                                v == keys
                            }
                            _ => false,
                        })
                        .map(|s| go_name(&s.name))
                        .unwrap_or_else(|| "string".into())
                }
                _ => {
                    // Named and scalar types only: an inline object would be declared.
                    let simple = |t: &Type| {
                        matches!(
                            t,
                            Type::Ref { .. }
                                | Type::String { .. }
                                | Type::Integer { .. }
                                | Type::Number { .. }
                                | Type::Boolean
                        )
                    };
                    let mut types = std::iter::once(&f.ty).chain(others.iter().map(|g| &g.ty));
                    if types.clone().all(simple) {
                        let ty = self.go_type(&f.ty, &hint, None);
                        if types.all(|t| self.go_type(t, &hint, None) == ty) {
                            ty
                        } else {
                            hint
                        }
                    } else {
                        hint
                    }
                }
            };
            let required = f.required && others.iter().all(|g| g.required);
            let omit = !required || f.nullable || others.iter().any(|g| g.nullable);
            let ptr = omit && self.ptrable(&ty);
            out.push(GoField {
                wire: f.name.clone(),
                name,
                ty: if ptr { format!("*{ty}") } else { ty.clone() },
                slice: !ptr && ty.starts_with("[]"),
                base: ty,
                tag: if omit {
                    format!("{},omitempty", f.name)
                } else {
                    f.name.clone()
                },
                doc: String::new(),
                ptr,
                omit,
                sensitive: false,
            });
        }
        Ok(out)
    }

    fn emit_inline(&mut self, name: String, inline: Inline<'a>) -> Result<(), String> {
        if !self.declared.insert(name.clone()) {
            return Ok(());
        }
        match inline {
            Inline::Object { fields, doc } => self.emit_struct(name, doc, &fields),
            Inline::Query(op) => {
                let doc = format!(
                    "the query parameters of {} ({} {}).",
                    op.id, op.http_method, op.path
                );
                // The query parameters as the fields of a struct.
                let fields: Vec<Field> = op
                    .query_params
                    .iter()
                    .map(|p| Field {
                        name: p.name.clone(),
                        doc: p.doc.clone(),
                        ty: p.ty.clone(),
                        required: p.required,
                        nullable: p.nullable,
                        sensitive: false,
                        default: p.default.clone(),
                        examples: Vec::new(),
                        constraints: p.constraints.clone(),
                        extensions: Default::default(),
                    })
                    .collect();
                self.emit_struct(name, doc, &fields)
            }
        }
    }
}

impl Models {
    fn build(api: &Api) -> Result<Models, String> {
        let mut b = Builder {
            api,
            inline: Vec::new(),
            declared: BTreeSet::new(),
            structs: HashMap::new(),
            sensitive: Vec::new(),
            sensitive_wire: BTreeSet::new(),
            next_page: HashMap::new(),
            decls: Vec::new(),
        };
        for op in client_operations(api) {
            let Some(params) = &op.params_type else {
                continue;
            };
            if !op.query_params.is_empty() {
                b.inline.push((go_name(params), Inline::Query(op)));
            }
            if list_item(api, op.response.as_ref()).is_some() {
                if let Some(Type::Ref { name }) = &op.response {
                    let list = go_name(name);
                    match b.next_page.get(&list) {
                        Some(prev) if prev != &go_name(params) => {
                            return Err(format!(
                                "list type {list} is the result of operations with params {prev} and {params}"
                            ))
                        }
                        _ => {
                            b.next_page.insert(list, go_name(params));
                        }
                    }
                }
            }
        }
        for s in &api.schemas {
            // Error is the API's error envelope (the core turns it into *APIError); a union
            // without a discriminator has no Go type.
            if s.name == "Error"
                || matches!(
                    s.kind,
                    SchemaKind::Union {
                        discriminator: None,
                        ..
                    }
                )
            {
                continue;
            }
            b.emit_schema(s)?;
        }
        let mut i = 0;
        while i < b.inline.len() {
            // The queue grows while emitting (inline objects inside inline objects).
            let name = b.inline[i].0.clone();
            let inline = match &b.inline[i].1 {
                Inline::Query(op) => Inline::Query(op),
                Inline::Object { fields, doc } => Inline::Object {
                    fields: fields.clone(),
                    doc: doc.clone(),
                },
            };
            b.emit_inline(name.clone(), inline)
                .map_err(|e| format!("inline type {name}: {e}"))?;
            i += 1;
        }
        for op in client_operations(api) {
            if let Some(p) = &op.params_type {
                if !b.declared.contains(&go_name(p)) {
                    return Err(format!(
                        "operation {}: params type {p} was not generated",
                        op.id
                    ));
                }
            }
        }

        // Every struct with a sensitive field gets a slog.LogValuer; it and the structs it holds
        // get logAttrs, so that nested objects log as groups rather than pointer addresses.
        let mut order: Vec<String> = Vec::new();
        fn visit(b: &Builder, name: &str, order: &mut Vec<String>) {
            if order.iter().any(|n| n == name) {
                return;
            }
            order.push(name.to_string());
            if let Some(s) = b.structs.get(name) {
                for f in &s.fields {
                    if b.structs.contains_key(&f.base) {
                        visit(b, &f.base, order);
                    }
                }
            }
        }
        for name in &b.sensitive {
            visit(&b, name, &mut order);
        }
        let log_valuers = b
            .sensitive
            .iter()
            .map(|name| LogValuer {
                name: name.clone(),
                secrets: b.structs[name]
                    .fields
                    .iter()
                    .filter(|f| f.sensitive)
                    .map(|f| f.name.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
            })
            .collect();
        let log_attrs = order
            .iter()
            .map(|name| {
                let s = &b.structs[name];
                LogAttrs {
                    name: name.clone(),
                    model: s.model,
                    fields: s
                        .fields
                        .iter()
                        .map(|f| LogField {
                            wire: f.wire.clone(),
                            name: f.name.clone(),
                            ptr: f.ptr,
                            nested: b.structs.contains_key(&f.base),
                            zero_check: f.sensitive && f.omit,
                        })
                        .collect(),
                }
            })
            .collect();
        Ok(Models {
            decls: b.decls,
            sensitive_wire_names: b.sensitive_wire.into_iter().collect(),
            log_valuers,
            log_attrs,
            declared: b.declared,
        })
    }
}

// ---------- resources ----------

#[derive(Serialize)]
struct Service {
    name: String,
    ops: Vec<GoOp>,
}

#[derive(Serialize)]
struct GoOp {
    id: String,
    method: String,
    http_method: String,
    path: String,
    summary: String,
    description: String,
    /// `cardID string, ` ... (path parameters, then the params struct).
    args: Vec<String>,
    /// `pathParams{"card_id": cardID}` or `nil`.
    path_arg: String,
    params_arg: String,
    result: Option<String>,
    item: Option<String>,
}

fn services(api: &Api, models: &Models) -> Result<Vec<Service>, String> {
    let mut out: Vec<Service> = Vec::new();
    for op in client_operations(api) {
        if op.resource.is_empty() {
            return Err(format!("operationId {:?} is not resource.method", op.id));
        }
        let service = go_name(&op.resource);
        let mut args = Vec::new();
        let mut path = Vec::new();
        for p in &op.path_params {
            let a = lower_camel(&p.name);
            args.push(format!("{a} string"));
            path.push(format!("{}: {a}", quote(&p.name)));
        }
        if let Some(p) = &op.params_type {
            if !models.declared.contains(&go_name(p)) {
                return Err(format!("{}: params type {p} is not generated", op.id));
            }
            args.push(format!("params *{}", go_name(p)));
        }
        let result = match &op.response {
            None => None,
            Some(Type::Ref { name }) => Some(go_name(name)),
            Some(other) => {
                return Err(format!(
                    "{}: the Go client takes named response types only, not {other:?}",
                    op.id
                ))
            }
        };
        let go_op = GoOp {
            id: op.id.clone(),
            method: go_name(&op.name),
            http_method: op.http_method.clone(),
            path: op.path.clone(),
            summary: one_line(op.summary.as_deref()),
            description: one_line(op.description.as_deref()),
            args,
            path_arg: if path.is_empty() {
                "nil".into()
            } else {
                format!("pathParams{{{}}}", path.join(", "))
            },
            params_arg: if op.params_type.is_some() {
                "params"
            } else {
                "nil"
            }
            .into(),
            item: if result.is_some() {
                list_item(api, op.response.as_ref())
            } else {
                None
            },
            result,
        };
        match out.iter_mut().find(|s| s.name == service) {
            Some(s) => s.ops.push(go_op),
            None => out.push(Service {
                name: service,
                ops: vec![go_op],
            }),
        }
    }
    Ok(out)
}

// ---------- errors ----------

#[derive(Serialize)]
struct GoErrorClass {
    go: String,
    name: String,
    parent: Option<String>,
    parent_go: Option<String>,
    doc: String,
    /// The class has a Go error type of its own, named like it (`*ValidationError`).
    own_type: bool,
    /// The variables of the class and of the classes above it (`ErrValidation, ErrCryptoTopCard`).
    lineage: Vec<String>,
}

/// The class whose subclasses are all `*APIError` (with their `Class`), not types of their own.
const API_ERROR: &str = "APIError";

/// The Go error classes. The variable of a class `XxxError` is `ErrXxx`. Every class but the
/// root and `APIError`'s subclasses has a Go error type of its own, named like the class, whose
/// `errorClass` and `Is` methods are generated here (its fields and constructor are in errors.go).
fn error_classes(api: &Api) -> Result<Vec<GoErrorClass>, String> {
    let go = |class: &str| match class.strip_suffix("Error") {
        Some(base) if !base.is_empty() => Ok(format!("Err{base}")),
        _ => Err(format!("error class {class:?} does not end in Error")),
    };
    let parent_of = |name: &str| {
        api.error_classes
            .iter()
            .find(|c| c.name == name)
            .and_then(|c| c.parent.as_deref())
    };
    api.error_classes
        .iter()
        .map(|c| {
            let mut lineage = vec![c.name.as_str()];
            while let Some(p) = lineage.last().and_then(|n| parent_of(n)) {
                if lineage.contains(&p) {
                    return Err(format!("error class {} is its own ancestor", c.name));
                }
                lineage.push(p);
            }
            Ok(GoErrorClass {
                go: go(&c.name)?,
                name: c.name.clone(),
                parent_go: c.parent.as_deref().map(go).transpose()?,
                parent: c.parent.clone(),
                doc: one_line(Some(&c.doc)),
                own_type: c.parent.is_some() && !lineage[1..].contains(&API_ERROR),
                lineage: lineage.iter().map(|n| go(n)).collect::<Result<_, _>>()?,
            })
        })
        .collect()
}

// ---------- gofmt ----------

/// The standard packages the code (not its comments or strings) refers to, in gofmt's order.
fn imports(body: &str) -> Vec<&'static str> {
    const PACKAGES: &[(&str, &str)] = &[
        ("context", "context"),
        ("encoding/json", "json"),
        ("fmt", "fmt"),
        ("iter", "iter"),
        ("log/slog", "slog"),
        ("time", "time"),
    ];
    let mut code = String::new();
    for line in body.lines() {
        if line.trim_start().starts_with("//") {
            continue;
        }
        let mut quote: Option<char> = None;
        let mut escaped = false;
        for c in line.chars() {
            match quote {
                Some(q) => {
                    if escaped {
                        escaped = false;
                    } else if c == '\\' && q == '"' {
                        escaped = true;
                    } else if c == q {
                        quote = None;
                    }
                }
                None if c == '"' || c == '`' => quote = Some(c),
                None => code.push(c),
            }
        }
        code.push('\n');
    }
    PACKAGES
        .iter()
        .filter(|(_, name)| {
            code.match_indices(&format!("{name}.")).any(|(i, _)| {
                !code[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
            })
        })
        .map(|(path, _)| *path)
        .collect()
}

/// Lays out tab-separated cells as gofmt does (text/tabwriter with padding 1, spaces, leading
/// tabs kept as indentation): in a run of adjacent lines that all have a cell in a column, the
/// column is as wide as its widest cell plus one. Comment and blank lines end such runs.
pub fn align(src: &str) -> String {
    let lines: Vec<Vec<&str>> = src.split('\n').map(|l| l.split('\t').collect()).collect();
    let mut out = String::with_capacity(src.len());
    let mut widths = Vec::new();
    format_block(&lines, 0, lines.len(), &mut widths, &mut out);
    out
}

fn format_block(
    lines: &[Vec<&str>],
    mut line0: usize,
    line1: usize,
    widths: &mut Vec<usize>,
    out: &mut String,
) {
    let column = widths.len();
    let mut this = line0;
    while this < line1 {
        if column + 1 >= lines[this].len() {
            this += 1;
            continue;
        }
        write_lines(lines, line0, this, widths, out);
        line0 = this;
        let mut width = 0;
        while this < line1 && column + 1 < lines[this].len() {
            width = width.max(lines[this][column].chars().count() + 1);
            this += 1;
        }
        widths.push(width);
        format_block(lines, line0, this, widths, out);
        widths.pop();
        line0 = this;
    }
    write_lines(lines, line0, line1, widths, out);
}

fn write_lines(lines: &[Vec<&str>], from: usize, to: usize, widths: &[usize], out: &mut String) {
    for (i, line) in lines.iter().enumerate().take(to).skip(from) {
        let mut indenting = true;
        for (j, cell) in line.iter().enumerate() {
            let width = cell.chars().count();
            if width == 0 && indenting {
                if j < widths.len() {
                    out.push('\t');
                }
                continue;
            }
            indenting = false;
            out.push_str(cell);
            if j < widths.len() {
                out.extend(std::iter::repeat_n(' ', widths[j].saturating_sub(width)));
            }
        }
        if i + 1 < lines.len() {
            out.push('\n');
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        for (input, want) in [
            ("card_id", "CardID"),
            ("bin_id", "BinID"),
            ("3ds", "ThreeDS"),
            ("3ds.challenge", "ThreeDSChallenge"),
            ("card.created", "CardCreated"),
            ("pan", "PAN"),
            ("tx_hash", "TxHash"),
            ("confirm_deposit", "ConfirmDeposit"),
            ("*", "All"),
        ] {
            assert_eq!(go_name(input), want, "{input}");
        }
        assert_eq!(lower_camel("card_id"), "cardID");
        assert_eq!(lower_camel("id"), "id");
    }

    #[test]
    fn aligns_like_gofmt() {
        let src = "type T struct {\n\tA\tint\t`json:\"a\"`\n\tLonger\t*string\t`json:\"longer\"`\n\t// doc\n\tB\tbool\t`json:\"b\"`\n}\n";
        assert_eq!(
            align(src),
            "type T struct {\n\tA      int     `json:\"a\"`\n\tLonger *string `json:\"longer\"`\n\t// doc\n\tB bool `json:\"b\"`\n}\n"
        );
    }

    fn generate_spec(spec: &str) -> Result<HashMap<String, String>, String> {
        let api = Api::from_yaml(spec)?;
        let templates = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates");
        let files = generate(&Ctx {
            api: &api,
            templates,
        })?;
        Ok(files
            .into_iter()
            .map(|o| (o.path.display().to_string(), o.contents))
            .collect())
    }

    const MINI_SPEC: &str = r#"openapi: 3.1.0
info: {title: t, version: "1"}
paths: {}
components:
  schemas:
    Address:
      type: object
      required: [line1]
      properties:
        line1: {type: string}
        line2: {type: [string, "null"]}
    Holder:
      type: object
      required: [id, pan, address]
      properties:
        id: {type: string}
        pan: {type: string, x-sensitive: true}
        secret: {type: string, x-sensitive: true}
        address: {$ref: '#/components/schemas/Address'}
"#;

    /// x-sensitive strings become Secrets (optional ones omitzero, never pointers); their structs
    /// get a slog.LogValuer, and the structs they hold the logAttrs it uses.
    #[test]
    fn sensitive_fields_are_secrets() {
        let files = generate_spec(MINI_SPEC).unwrap();
        let src = &files["bindings-go/models_gen.go"];
        for want in [
            "PAN Secret `json:\"pan\"`",
            "Secret  Secret  `json:\"secret,omitzero\"`",
            "func (v Holder) LogValue() slog.Value",
            "func (v Address) logAttrs() []slog.Attr",
            "if !v.Secret.IsZero() {",
            r#"slog.Attr{Key: "address", Value: slog.GroupValue(v.Address.logAttrs()...)}"#,
            r#"var sensitiveWireNames = map[string]bool{"pan": true, "secret": true}"#,
            "\t\"log/slog\"\n",
        ] {
            assert!(src.contains(want), "models lack {want}:\n{src}");
        }
        assert!(!src.contains("func (v Address) LogValue"));
        // A sensitive value that is not a string cannot be a Secret: refuse rather than leak it.
        let err = generate_spec(&MINI_SPEC.replace(
            "pan: {type: string, x-sensitive: true}",
            "pan: {type: integer, x-sensitive: true}",
        ))
        .err()
        .unwrap_or_default();
        assert!(err.contains("x-sensitive"), "{err}");
    }

    const LIST_SPEC: &str = r#"openapi: 3.1.0
info: {title: t, version: "1"}
paths:
  /things:
    get:
      operationId: things.list
      x-params-name: ThingListParams
      parameters:
        - {name: page, in: query, schema: {type: integer}}
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: '#/components/schemas/ThingList'}
    post:
      operationId: things.create
      requestBody:
        content:
          application/json:
            schema: {$ref: '#/components/schemas/ThingCreateParams'}
      responses:
        "200":
          content:
            application/json:
              schema: {$ref: '#/components/schemas/Thing'}
  /things/{thing_id}:
    delete:
      operationId: things.delete
      parameters:
        - {name: thing_id, in: path, required: true, schema: {type: string}}
      responses:
        "204": {description: gone}
components:
  schemas:
    Thing:
      type: object
      required: [id]
      properties:
        id: {type: string}
    ThingCreateParams:
      type: object
      properties:
        name: {type: string}
    ThingList:
      type: object
      properties:
        data: {type: array, items: {$ref: '#/components/schemas/Thing'}}
        pagination: {type: object, properties: {page: {type: integer}}}
"#;

    /// Models of answers keep unknown members in Extra (params do not); a paginated list gets the
    /// typed params of its next page and an auto-pager; every file is gofmt's layout.
    #[test]
    fn models_keep_unknown_fields_and_lists_page() {
        let files = generate_spec(LIST_SPEC).unwrap();
        let src = &files["bindings-go/models_gen.go"];
        for want in [
            "func (v *Thing) UnmarshalJSON(b []byte) error {",
            "func (v *Thing) UnmarshalJSON(b []byte) error { return decodeModel(b, v) }",
            "case \"id\":\n\t\treturn decodeField(b, i, &v.ID)",
            "func (v *Thing) wire() (*ExtraFields, map[string]bool) { return &v.Extra, wireNamesThing }",
            "case \"data\":\n\t\treturn decodeSlice(b, i, &v.Data)",
            "func (v Thing) MarshalJSON() ([]byte, error) {",
            r#"var wireNamesThing = map[string]bool{"id": true}"#,
            "NextPage *ThingListParams `json:\"-\"`",
            "func (v *ThingList) setNextPage(raw json.RawMessage) error",
            "// ThingListParams: the query parameters of things.list (GET /things).",
            "Page *int `json:\"page,omitempty\"`",
        ] {
            assert!(src.contains(want), "models lack {want}:\n{src}");
        }
        assert!(!src.contains("func (v *ThingCreateParams) UnmarshalJSON"));
        assert!(!src.contains("func (v *ThingListParams) UnmarshalJSON"));
        let things = &files["bindings-go/things_gen.go"];
        for want in [
            "func (s *ThingsService) List(ctx context.Context, params *ThingListParams, opts ...RequestOption) (*ThingList, error) {",
            "func (s *ThingsService) ListAutoPaging(ctx context.Context, params *ThingListParams, opts ...RequestOption) iter.Seq2[Thing, error] {",
            r#"return s.c.do(ctx, "things.delete", pathParams{"thing_id": thingID}, nil, nil, opts)"#,
        ] {
            assert!(things.contains(want), "resource lacks {want}:\n{things}");
        }
        assert!(files["bindings-go/services_gen.go"].contains("\tThings *ThingsService\n"));
        // A spec field that would take the SDK's name is refused.
        let err = generate_spec(&LIST_SPEC.replace(
            "id: {type: string}",
            "id: {type: string}\n        extra: {type: string}",
        ))
        .err()
        .unwrap_or_default();
        assert!(err.contains("Extra"), "{err}");
    }

    /// A discriminated union is the struct of the fields its variants share: the discriminator
    /// typed by the enum of its values, a field whose type differs raw (`<Union><Field>`).
    #[test]
    fn discriminated_union_is_its_shared_fields() {
        let spec = MINI_SPEC.replace(
            "  schemas:\n",
            r#"  schemas:
    Kind:
      type: string
      enum: [a.made, b.made]
    Any:
      oneOf:
        - $ref: '#/components/schemas/AMade'
        - $ref: '#/components/schemas/BMade'
      discriminator:
        propertyName: type
        mapping:
          a.made: '#/components/schemas/AMade'
          b.made: '#/components/schemas/BMade'
    AMade:
      type: object
      required: [id, type, data]
      properties:
        id: {type: string}
        type: {const: a.made}
        data: {$ref: '#/components/schemas/Address'}
        only_a: {type: integer}
    BMade:
      type: object
      required: [id, type, data]
      properties:
        id: {type: string}
        type: {const: b.made}
        data: {$ref: '#/components/schemas/Holder'}
"#,
        );
        let files = generate_spec(&spec).unwrap();
        let src = &files["bindings-go/models_gen.go"];
        let want = "type Any struct {\n\tID   string  `json:\"id\"`\n\tType Kind    `json:\"type\"`\n\tData AnyData `json:\"data\"`\n}\n";
        assert!(src.contains(want), "{src}");
        assert!(!src.contains("func (v *Any) UnmarshalJSON"), "{src}");
    }

    /// errors_gen.go is the spec's x-error-classes table: parents before children, XxxError is
    /// ErrXxx; every class but the root and APIError's subclasses has a Go type of its own, whose
    /// errorClass and Is methods are generated.
    #[test]
    fn error_classes_come_from_the_spec() {
        let spec = MINI_SPEC.replace(
            "paths: {}",
            "paths: {}
x-error-classes:
  - {name: RootError, doc: Root.}
  - {name: LeafError, parent: RootError, doc: A \"leaf\".}
  - {name: APIError, parent: RootError, doc: API.}
  - {name: NotFoundError, parent: APIError, doc: '404.'}",
        );
        let files = generate_spec(&spec).unwrap();
        let src = &files["bindings-go/errors_gen.go"];
        for want in [
            "\tErrRoot = &ErrorClass{name: \"RootError\", doc: \"Root.\"}\n",
            "\tErrLeaf = &ErrorClass{name: \"LeafError\", parent: ErrRoot, doc: \"A \\\"leaf\\\".\"}\n",
            "var errorClasses = []*ErrorClass{ErrRoot, ErrLeaf, ErrAPI, ErrNotFound}\n",
            "func (e *LeafError) errorClass() *ErrorClass { return orClass(e.Class, ErrLeaf) }\n",
            "(ErrLeaf and ErrRoot when Class is unset).\nfunc (e *LeafError) Is(target error) bool { return e.errorClass().Is(target) }\n",
            "func (e *APIError) Is(target error) bool",
        ] {
            assert!(src.contains(want), "errors lack {want}:\n{src}");
        }
        assert!(!src.contains("func (e *RootError)"), "{src}");
        assert!(!src.contains("func (e *NotFoundError)"), "{src}");
        let bad = MINI_SPEC.replace(
            "paths: {}",
            "paths: {}\nx-error-classes:\n  - {name: Oops, doc: x}",
        );
        assert!(generate_spec(&bad)
            .err()
            .unwrap_or_default()
            .contains("Error"));
    }

    #[test]
    fn imports_come_from_code_only() {
        let body =
            "// json.Marshal in a comment\nvar x = \"time.Now\"\nfunc f(ctx context.Context) {}\n";
        assert_eq!(imports(body), vec!["context"]);
    }
}
