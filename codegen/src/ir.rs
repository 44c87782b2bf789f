//! The intermediate form: `spec/openapi.yaml` read once into plain, ordered data that every
//! language's templates render. Nothing here is language-specific: names are the spec's, types
//! are the spec's (refs stay refs), and every constraint and `x-` extension is carried through.
//!
//! Normalisations (so that no template has to know OpenAPI's spellings):
//! - `type: [T, 'null']`, `oneOf: [X, {type: 'null'}]` and `anyOf` of the same shape become `T`/`X`
//!   with `nullable: true`;
//! - `allOf: [X]` (used to attach a description to a ref) becomes `X`;
//! - `type: [A, B]` and `oneOf`/`anyOf` of several non-null types become a `union`;
//! - path, query and header parameters are resolved (`$ref`s into `components/parameters`);
//! - each operation says whether it is paginated (has a `page` query parameter), mutating (not a
//!   GET) and sandbox-admin (`x-sandbox-admin`), and names its success response type and, for a
//!   list, the item type.

use serde::Serialize;
use serde_json::{Map, Value};
use serde_yaml::Value as Yaml;

/// The whole API.
#[derive(Debug, Clone, Serialize)]
pub struct Api {
    pub title: String,
    pub version: String,
    /// `components/schemas`, in spec order.
    pub schemas: Vec<Schema>,
    /// Tags (resources) in spec order, each with its operation ids in spec order.
    pub tags: Vec<Tag>,
    /// Every operation under `paths`, in spec order.
    pub operations: Vec<Operation>,
    /// The webhook events under `webhooks`, in spec order.
    pub webhooks: Vec<WebhookEvent>,
    /// The SDK's error classes (`x-error-classes`), parents before children.
    pub error_classes: Vec<ErrorClass>,
}

/// A row of `x-error-classes`: one error class, named the same in every language.
#[derive(Debug, Clone, Serialize)]
pub struct ErrorClass {
    pub name: String,
    pub parent: Option<String>,
    pub doc: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tag {
    pub name: String,
    pub description: Option<String>,
    /// Ids (`cards.create`) of the operations tagged with this tag, in spec order.
    pub operations: Vec<String>,
}

/// A named schema of `components/schemas`.
#[derive(Debug, Clone, Serialize)]
pub struct Schema {
    pub name: String,
    pub doc: Option<String>,
    #[serde(flatten)]
    pub kind: SchemaKind,
    pub nullable: bool,
    pub constraints: Constraints,
    /// `x-` keys, without the prefix changed (`x-sensitive`).
    pub extensions: Map<String, Value>,
}

#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum SchemaKind {
    /// An object with named fields (maybe none) and maybe additional properties.
    Object {
        fields: Vec<Field>,
        /// Type of `additionalProperties` when it is a schema; `None` when absent or a bool.
        additional: Option<Type>,
        /// `additionalProperties: false` (request bodies).
        closed: bool,
    },
    /// A string enum.
    Enum { values: Vec<String> },
    /// A named scalar (`Money`, `Timestamp`, `DateOrDateTime`): `ty` plus, for `anyOf` of
    /// formats, every accepted format.
    Scalar { ty: Type, formats: Vec<String> },
    /// `oneOf` of named schemas, with its discriminator when the spec gives one.
    Union {
        variants: Vec<String>,
        discriminator: Option<Discriminator>,
    },
}

#[derive(Debug, Clone, Serialize)]
pub struct Discriminator {
    pub property: String,
    /// (value, schema name) in spec order.
    pub mapping: Vec<(String, String)>,
}

/// A field of an object.
#[derive(Debug, Clone, Serialize)]
pub struct Field {
    /// JSON name, as on the wire.
    pub name: String,
    pub doc: Option<String>,
    #[serde(rename = "type")]
    pub ty: Type,
    pub required: bool,
    pub nullable: bool,
    /// `x-sensitive: true`: never printed by any repr/Debug/toString.
    pub sensitive: bool,
    pub default: Option<Value>,
    pub examples: Vec<Value>,
    pub constraints: Constraints,
    pub extensions: Map<String, Value>,
}

/// A type use. Refs stay refs: templates look the schema up by name.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Type {
    String {
        format: Option<String>,
    },
    Integer {
        format: Option<String>,
    },
    Number {
        format: Option<String>,
    },
    Boolean,
    /// No type given (`{}`).
    Any,
    Array {
        items: Box<Type>,
    },
    Ref {
        name: String,
    },
    /// An inline string enum.
    Enum {
        values: Vec<String>,
    },
    /// `const: value` (event `type` fields).
    Const {
        value: Value,
    },
    /// An inline object.
    Object {
        fields: Vec<Field>,
        additional: Option<Box<Type>>,
        closed: bool,
    },
    /// Several types (`type: [string, number, boolean]`, `oneOf` of several).
    Union {
        variants: Vec<Type>,
    },
}

/// Validation keywords, as written in the spec (numbers keep their JSON form: `1` vs `1.0`).
#[derive(Debug, Clone, Default, Serialize)]
pub struct Constraints {
    pub minimum: Option<Value>,
    pub maximum: Option<Value>,
    pub exclusive_minimum: Option<Value>,
    pub exclusive_maximum: Option<Value>,
    pub multiple_of: Option<Value>,
    pub min_length: Option<u64>,
    pub max_length: Option<u64>,
    pub pattern: Option<String>,
    pub min_items: Option<u64>,
    pub max_items: Option<u64>,
    pub unique_items: bool,
    pub max_properties: Option<u64>,
    /// `propertyNames` length bounds (metadata keys).
    pub key_min_length: Option<u64>,
    pub key_max_length: Option<u64>,
}

/// An operation (`cards.create`).
#[derive(Debug, Clone, Serialize)]
pub struct Operation {
    /// `operationId`: `resource.name`.
    pub id: String,
    /// Part before the dot (`cards`).
    pub resource: String,
    /// Part after the dot (`create`, `confirm_deposit`).
    pub name: String,
    /// `GET`, `POST`, `PATCH`, `DELETE`.
    pub http_method: String,
    /// Path as in the spec, relative to the server URL (`/cards/{card_id}`).
    pub path: String,
    pub summary: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub path_params: Vec<Param>,
    pub query_params: Vec<Param>,
    /// Header parameters other than `X-Idempotency-Key`.
    pub header_params: Vec<Param>,
    /// Takes `X-Idempotency-Key`.
    pub idempotency_key: bool,
    pub body: Option<Body>,
    /// The name of the operation's parameter type in every language: the body schema's name, or
    /// `x-params-name` for an operation taking query parameters; `None` when it takes neither.
    pub params_type: Option<String>,
    /// The 2xx status of the success response.
    pub success_status: u16,
    /// Its JSON type; `None` for an empty (204) answer.
    pub response: Option<Type>,
    /// Has a `page` query parameter.
    pub paginated: bool,
    /// For a paginated operation: the schema name of the items of `data`.
    pub item: Option<String>,
    /// Anything but GET: each call carries an idempotency key.
    pub mutating: bool,
    /// `x-sandbox-admin: true`: the sandbox server's own inspection endpoints.
    pub sandbox_admin: bool,
    pub extensions: Map<String, Value>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Param {
    pub name: String,
    pub doc: Option<String>,
    #[serde(rename = "type")]
    pub ty: Type,
    pub required: bool,
    pub nullable: bool,
    pub default: Option<Value>,
    pub constraints: Constraints,
}

#[derive(Debug, Clone, Serialize)]
pub struct Body {
    #[serde(rename = "type")]
    pub ty: Type,
    pub required: bool,
}

/// A webhook event the API delivers (`webhooks:` of the spec).
#[derive(Debug, Clone, Serialize)]
pub struct WebhookEvent {
    /// `card.created`.
    pub event_type: String,
    pub operation_id: Option<String>,
    pub summary: Option<String>,
    /// Schema name of the delivered body.
    pub schema: Option<String>,
}

pub type Result<T> = std::result::Result<T, String>;

impl Schema {
    /// The named fields of an object schema; `None` for an enum, a union or a scalar.
    pub fn object_fields(&self) -> Option<&[Field]> {
        match &self.kind {
            SchemaKind::Object { fields, .. } => Some(fields),
            _ => None,
        }
    }
}

impl Api {
    /// Reads the spec text.
    pub fn from_yaml(text: &str) -> Result<Api> {
        let doc: Yaml = serde_yaml::from_str(text).map_err(|e| format!("spec: {e}"))?;
        Builder { doc: &doc }.api()
    }

    pub fn schema(&self, name: &str) -> Option<&Schema> {
        self.schemas.iter().find(|s| s.name == name)
    }

    /// The named fields of schema `name`; `None` when there is no such schema or it is not an
    /// object.
    pub fn object_fields(&self, name: &str) -> Option<&[Field]> {
        self.schema(name)?.object_fields()
    }

    pub fn operation(&self, id: &str) -> Option<&Operation> {
        self.operations.iter().find(|o| o.id == id)
    }
}

struct Builder<'a> {
    doc: &'a Yaml,
}

fn get<'y>(v: &'y Yaml, key: &str) -> Option<&'y Yaml> {
    v.as_mapping()?.get(key)
}

fn get_str(v: &Yaml, key: &str) -> Option<String> {
    get(v, key)?.as_str().map(str::to_string)
}

fn get_u64(v: &Yaml, key: &str) -> Option<u64> {
    get(v, key)?.as_u64()
}

fn to_json(v: &Yaml) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}

fn ref_name(r: &str) -> String {
    r.rsplit('/').next().unwrap_or(r).to_string()
}

fn is_null_schema(v: &Yaml) -> bool {
    get_str(v, "type").as_deref() == Some("null")
}

fn extensions(v: &Yaml) -> Map<String, Value> {
    let mut out = Map::new();
    if let Some(m) = v.as_mapping() {
        for (k, val) in m {
            if let Some(k) = k.as_str() {
                if k.starts_with("x-") {
                    out.insert(k.to_string(), to_json(val));
                }
            }
        }
    }
    out
}

fn constraints(v: &Yaml) -> Constraints {
    let num = |k: &str| get(v, k).map(to_json);
    let names = get(v, "propertyNames");
    Constraints {
        minimum: num("minimum"),
        maximum: num("maximum"),
        exclusive_minimum: num("exclusiveMinimum"),
        exclusive_maximum: num("exclusiveMaximum"),
        multiple_of: num("multipleOf"),
        min_length: get_u64(v, "minLength"),
        max_length: get_u64(v, "maxLength"),
        pattern: get_str(v, "pattern"),
        min_items: get_u64(v, "minItems"),
        max_items: get_u64(v, "maxItems"),
        unique_items: get(v, "uniqueItems")
            .and_then(Yaml::as_bool)
            .unwrap_or(false),
        max_properties: get_u64(v, "maxProperties"),
        key_min_length: names.and_then(|n| get_u64(n, "minLength")),
        key_max_length: names.and_then(|n| get_u64(n, "maxLength")),
    }
}

/// The first description found on `v` or, for a `oneOf`/`allOf` wrapper, on its parts.
fn doc(v: &Yaml) -> Option<String> {
    get_str(v, "description")
}

impl Builder<'_> {
    fn api(&self) -> Result<Api> {
        let info = get(self.doc, "info").ok_or("spec: no info")?;
        let schemas = self.schemas()?;
        let operations = self.operations()?;
        let mut tags: Vec<Tag> = Vec::new();
        if let Some(seq) = get(self.doc, "tags").and_then(Yaml::as_sequence) {
            for t in seq {
                tags.push(Tag {
                    name: get_str(t, "name").ok_or("spec: tag without name")?,
                    description: doc(t),
                    operations: Vec::new(),
                });
            }
        }
        for op in &operations {
            for t in &op.tags {
                match tags.iter_mut().find(|x| &x.name == t) {
                    Some(tag) => tag.operations.push(op.id.clone()),
                    None => tags.push(Tag {
                        name: t.clone(),
                        description: None,
                        operations: vec![op.id.clone()],
                    }),
                }
            }
        }
        let mut webhooks = Vec::new();
        if let Some(m) = get(self.doc, "webhooks").and_then(Yaml::as_mapping) {
            for (k, item) in m {
                let post = get(item, "post").unwrap_or(item);
                let schema = get(post, "requestBody")
                    .and_then(|b| get(b, "content"))
                    .and_then(|c| get(c, "application/json"))
                    .and_then(|j| get(j, "schema"))
                    .and_then(|s| get_str(s, "$ref"))
                    .map(|r| ref_name(&r));
                webhooks.push(WebhookEvent {
                    event_type: k.as_str().unwrap_or_default().to_string(),
                    operation_id: get_str(post, "operationId"),
                    summary: get_str(post, "summary"),
                    schema,
                });
            }
        }
        let mut error_classes = Vec::new();
        if let Some(seq) = get(self.doc, "x-error-classes").and_then(Yaml::as_sequence) {
            for c in seq {
                let class = ErrorClass {
                    name: get_str(c, "name").ok_or("spec: x-error-classes row without name")?,
                    parent: get_str(c, "parent"),
                    doc: get_str(c, "doc").unwrap_or_default(),
                };
                if let Some(p) = &class.parent {
                    if !error_classes.iter().any(|e: &ErrorClass| &e.name == p) {
                        return Err(format!(
                            "spec: error class {} before its parent {p}",
                            class.name
                        ));
                    }
                }
                error_classes.push(class);
            }
        }
        Ok(Api {
            error_classes,
            title: get_str(info, "title").unwrap_or_default(),
            version: get_str(info, "version").unwrap_or_default(),
            schemas,
            tags,
            operations,
            webhooks,
        })
    }

    fn schemas(&self) -> Result<Vec<Schema>> {
        let mut out = Vec::new();
        let Some(m) = get(self.doc, "components")
            .and_then(|c| get(c, "schemas"))
            .and_then(Yaml::as_mapping)
        else {
            return Ok(out);
        };
        for (k, s) in m {
            let name = k
                .as_str()
                .ok_or("spec: schema name not a string")?
                .to_string();
            out.push(self.schema(name, s)?);
        }
        Ok(out)
    }

    fn schema(&self, name: String, s: &Yaml) -> Result<Schema> {
        let (types, nullable) = type_list(s);
        let kind = if let Some(variants) = get(s, "oneOf").and_then(Yaml::as_sequence) {
            let names: Vec<String> = variants
                .iter()
                .filter_map(|v| get_str(v, "$ref").map(|r| ref_name(&r)))
                .collect();
            if names.len() == variants.len() {
                let discriminator = get(s, "discriminator").map(|d| Discriminator {
                    property: get_str(d, "propertyName").unwrap_or_default(),
                    mapping: get(d, "mapping")
                        .and_then(Yaml::as_mapping)
                        .map(|m| {
                            m.iter()
                                .map(|(k, v)| {
                                    (yaml_key(k), ref_name(v.as_str().unwrap_or_default()))
                                })
                                .collect()
                        })
                        .unwrap_or_default(),
                });
                SchemaKind::Union {
                    variants: names,
                    discriminator,
                }
            } else {
                SchemaKind::Scalar {
                    ty: self.ty(s)?.0,
                    formats: Vec::new(),
                }
            }
        } else if let Some(values) = get(s, "enum").and_then(Yaml::as_sequence) {
            SchemaKind::Enum {
                values: values.iter().map(yaml_key).collect(),
            }
        } else if types.iter().any(|t| t == "object")
            || get(s, "properties").is_some()
            || get(s, "additionalProperties").is_some()
        {
            let (fields, additional, closed) = self.object_parts(s)?;
            SchemaKind::Object {
                fields,
                additional,
                closed,
            }
        } else {
            let formats = get(s, "anyOf")
                .and_then(Yaml::as_sequence)
                .map(|seq| seq.iter().filter_map(|f| get_str(f, "format")).collect())
                .unwrap_or_default();
            SchemaKind::Scalar {
                ty: self.ty(s)?.0,
                formats,
            }
        };
        Ok(Schema {
            name,
            doc: doc(s),
            kind,
            nullable,
            constraints: constraints(s),
            extensions: extensions(s),
        })
    }

    fn object_parts(&self, s: &Yaml) -> Result<(Vec<Field>, Option<Type>, bool)> {
        let required: Vec<String> = get(s, "required")
            .and_then(Yaml::as_sequence)
            .map(|r| {
                r.iter()
                    .filter_map(|x| x.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default();
        let mut fields = Vec::new();
        if let Some(props) = get(s, "properties").and_then(Yaml::as_mapping) {
            for (k, p) in props {
                let name = yaml_key(k);
                let (ty, nullable, inner) = self.ty(p)?;
                let sensitive = get(p, "x-sensitive")
                    .and_then(Yaml::as_bool)
                    .unwrap_or(false);
                fields.push(Field {
                    required: required.contains(&name),
                    name,
                    doc: doc(p).or_else(|| inner.and_then(doc)),
                    ty,
                    nullable,
                    sensitive,
                    default: get(p, "default").map(to_json),
                    examples: get(p, "examples")
                        .and_then(Yaml::as_sequence)
                        .map(|e| e.iter().map(to_json).collect())
                        .unwrap_or_default(),
                    constraints: merged_constraints(p, inner),
                    extensions: extensions(p),
                });
            }
        }
        let (additional, closed) = match get(s, "additionalProperties") {
            Some(Yaml::Bool(false)) => (None, true),
            Some(Yaml::Bool(true)) | None => (None, false),
            Some(schema) => (Some(self.ty(schema)?.0), false),
        };
        Ok((fields, additional, closed))
    }

    /// The type of a schema use, whether it is nullable, and (for `oneOf: [X, null]` written
    /// inline) the non-null part, whose constraints and description also apply.
    fn ty<'y>(&self, v: &'y Yaml) -> Result<(Type, bool, Option<&'y Yaml>)> {
        if let Some(r) = get_str(v, "$ref") {
            return Ok((Type::Ref { name: ref_name(&r) }, false, None));
        }
        for key in ["oneOf", "anyOf", "allOf"] {
            if let Some(seq) = get(v, key).and_then(Yaml::as_sequence) {
                let non_null: Vec<&Yaml> = seq.iter().filter(|x| !is_null_schema(x)).collect();
                let nullable = non_null.len() < seq.len();
                if non_null
                    .iter()
                    .all(|x| get(x, "format").is_some() && get(x, "type").is_none())
                    && key == "anyOf"
                {
                    // `type: string` + `anyOf` of formats: a string with several formats.
                    break;
                }
                if non_null.len() == 1 {
                    let (t, n, _) = self.ty(non_null[0])?;
                    return Ok((t, nullable || n, Some(non_null[0])));
                }
                let mut variants = Vec::new();
                for x in non_null {
                    variants.push(self.ty(x)?.0);
                }
                return Ok((Type::Union { variants }, nullable, None));
            }
        }
        if let Some(c) = get(v, "const") {
            return Ok((Type::Const { value: to_json(c) }, false, None));
        }
        let (types, nullable) = type_list(v);
        if let Some(values) = get(v, "enum").and_then(Yaml::as_sequence) {
            let values = values
                .iter()
                .filter(|x| !x.is_null())
                .map(yaml_key)
                .collect();
            return Ok((Type::Enum { values }, nullable, None));
        }
        let format = get_str(v, "format");
        let mut variants = Vec::new();
        for t in &types {
            variants.push(match t.as_str() {
                "string" => Type::String {
                    format: format.clone(),
                },
                "integer" => Type::Integer {
                    format: format.clone(),
                },
                "number" => Type::Number {
                    format: format.clone(),
                },
                "boolean" => Type::Boolean,
                "array" => {
                    let items = match get(v, "items") {
                        Some(i) => self.ty(i)?.0,
                        None => Type::Any,
                    };
                    Type::Array {
                        items: Box::new(items),
                    }
                }
                "object" => {
                    let (fields, additional, closed) = self.object_parts(v)?;
                    Type::Object {
                        fields,
                        additional: additional.map(Box::new),
                        closed,
                    }
                }
                other => return Err(format!("spec: unsupported type {other:?}")),
            });
        }
        if variants.is_empty()
            && (get(v, "properties").is_some() || get(v, "additionalProperties").is_some())
        {
            let (fields, additional, closed) = self.object_parts(v)?;
            variants.push(Type::Object {
                fields,
                additional: additional.map(Box::new),
                closed,
            });
        }
        let ty = match variants.len() {
            0 => Type::Any,
            1 => variants.remove(0),
            _ => Type::Union { variants },
        };
        Ok((ty, nullable, None))
    }

    fn resolve<'y>(&'y self, v: &'y Yaml) -> Result<&'y Yaml> {
        match get_str(v, "$ref") {
            None => Ok(v),
            Some(r) => {
                let mut cur = self.doc;
                for part in r.trim_start_matches("#/").split('/') {
                    cur = get(cur, part).ok_or_else(|| format!("spec: dangling $ref {r}"))?;
                }
                Ok(cur)
            }
        }
    }

    fn operations(&self) -> Result<Vec<Operation>> {
        let mut out = Vec::new();
        let Some(paths) = get(self.doc, "paths").and_then(Yaml::as_mapping) else {
            return Ok(out);
        };
        for (path, item) in paths {
            let path = yaml_key(path);
            let shared: Vec<&Yaml> = get(item, "parameters")
                .and_then(Yaml::as_sequence)
                .map(|s| s.iter().collect())
                .unwrap_or_default();
            let Some(methods) = item.as_mapping() else {
                continue;
            };
            for (method, op) in methods {
                let method = yaml_key(method);
                if !["get", "post", "put", "patch", "delete"].contains(&method.as_str()) {
                    continue;
                }
                out.push(self.operation(&path, &method, op, &shared)?);
            }
        }
        Ok(out)
    }

    fn operation(
        &self,
        path: &str,
        method: &str,
        op: &Yaml,
        shared: &[&Yaml],
    ) -> Result<Operation> {
        let id = get_str(op, "operationId")
            .ok_or_else(|| format!("spec: {method} {path} has no operationId"))?;
        let (resource, name) = match id.split_once('.') {
            Some((r, n)) => (r.to_string(), n.to_string()),
            None => (String::new(), id.clone()),
        };
        let mut path_params = Vec::new();
        let mut query_params = Vec::new();
        let mut header_params = Vec::new();
        let mut idempotency_key = false;
        let own: Vec<&Yaml> = get(op, "parameters")
            .and_then(Yaml::as_sequence)
            .map(|s| s.iter().collect())
            .unwrap_or_default();
        for p in shared.iter().chain(own.iter()) {
            let p = self.resolve(p)?;
            let pname = get_str(p, "name").ok_or("spec: parameter without name")?;
            let schema = get(p, "schema").cloned().unwrap_or(Yaml::Null);
            let (ty, nullable, inner) = self.ty(&schema)?;
            let param = Param {
                doc: doc(p),
                ty,
                required: get(p, "required").and_then(Yaml::as_bool).unwrap_or(false),
                nullable,
                default: get(&schema, "default").map(to_json),
                constraints: merged_constraints(&schema, inner),
                name: pname.clone(),
            };
            match get_str(p, "in").as_deref() {
                Some("path") => path_params.push(param),
                Some("query") => query_params.push(param),
                Some("header") if pname.eq_ignore_ascii_case("x-idempotency-key") => {
                    idempotency_key = true
                }
                Some("header") => header_params.push(param),
                _ => {}
            }
        }
        let body = match get(op, "requestBody") {
            Some(b) => {
                let b = self.resolve(b)?;
                let schema = get(b, "content")
                    .and_then(|c| get(c, "application/json"))
                    .and_then(|j| get(j, "schema"));
                match schema {
                    Some(s) => Some(Body {
                        ty: self.ty(s)?.0,
                        required: get(b, "required").and_then(Yaml::as_bool).unwrap_or(false),
                    }),
                    None => None,
                }
            }
            None => None,
        };
        let mut success_status = 200;
        let mut response = None;
        if let Some(responses) = get(op, "responses").and_then(Yaml::as_mapping) {
            for (code, r) in responses {
                let code = yaml_key(code);
                let Ok(n) = code.parse::<u16>() else { continue };
                if !(200..300).contains(&n) {
                    continue;
                }
                success_status = n;
                let r = self.resolve(r)?;
                response = match get(r, "content")
                    .and_then(|c| get(c, "application/json"))
                    .and_then(|j| get(j, "schema"))
                {
                    Some(s) => Some(self.ty(s)?.0),
                    None => None,
                };
                break;
            }
        }
        let paginated = query_params.iter().any(|p| p.name == "page");
        let item = if paginated {
            self.list_item(response.as_ref())
        } else {
            None
        };
        let params_type = match &body {
            Some(Body {
                ty: Type::Ref { name },
                ..
            }) => Some(name.clone()),
            _ => get_str(op, "x-params-name"),
        };
        if params_type.is_none() && !query_params.is_empty() {
            return Err(format!(
                "spec: {id} takes query parameters but has no x-params-name"
            ));
        }
        Ok(Operation {
            params_type,
            id,
            resource,
            name,
            http_method: method.to_uppercase(),
            path: path.to_string(),
            summary: get_str(op, "summary"),
            description: doc(op),
            tags: get(op, "tags")
                .and_then(Yaml::as_sequence)
                .map(|t| t.iter().map(yaml_key).collect())
                .unwrap_or_default(),
            path_params,
            query_params,
            header_params,
            idempotency_key,
            body,
            success_status,
            response,
            paginated,
            item,
            mutating: method != "get",
            sandbox_admin: get(op, "x-sandbox-admin")
                .and_then(Yaml::as_bool)
                .unwrap_or(false),
            extensions: extensions(op),
        })
    }

    /// The item schema of a list response (`data: array of $ref`).
    fn list_item(&self, response: Option<&Type>) -> Option<String> {
        let Some(Type::Ref { name }) = response else {
            return None;
        };
        let schema = get(self.doc, "components")
            .and_then(|c| get(c, "schemas"))
            .and_then(|s| get(s, name))?;
        let items = get(get(get(schema, "properties")?, "data")?, "items")?;
        get_str(items, "$ref").map(|r| ref_name(&r))
    }
}

/// Constraints of a use, including those of the non-null part of an inline `oneOf`.
fn merged_constraints(v: &Yaml, inner: Option<&Yaml>) -> Constraints {
    let mut c = constraints(v);
    if let Some(i) = inner {
        let ic = constraints(i);
        macro_rules! fill {
            ($($f:ident),*) => { $( if c.$f.is_none() { c.$f = ic.$f; } )* };
        }
        fill!(
            minimum,
            maximum,
            exclusive_minimum,
            exclusive_maximum,
            multiple_of,
            min_length,
            max_length,
            pattern,
            min_items,
            max_items,
            max_properties,
            key_min_length,
            key_max_length
        );
    }
    c
}

/// `type: X` or `type: [X, 'null']` → (non-null type names, nullable).
fn type_list(v: &Yaml) -> (Vec<String>, bool) {
    match get(v, "type") {
        Some(Yaml::String(s)) => (vec![s.clone()], s == "null"),
        Some(Yaml::Sequence(seq)) => {
            let names: Vec<String> = seq
                .iter()
                .filter_map(|x| x.as_str().map(str::to_string))
                .collect();
            let nullable = names.iter().any(|n| n == "null");
            (
                names.into_iter().filter(|n| n != "null").collect(),
                nullable,
            )
        }
        _ => (Vec::new(), false),
    }
}

/// A mapping key or scalar as text (`'200'`, `3ds.challenge`, `true`).
fn yaml_key(v: &Yaml) -> String {
    match v {
        Yaml::String(s) => s.clone(),
        Yaml::Number(n) => n.to_string(),
        Yaml::Bool(b) => b.to_string(),
        other => serde_yaml::to_string(other)
            .unwrap_or_default()
            .trim()
            .to_string(),
    }
}
