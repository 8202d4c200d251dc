//! The CLI's contract: formats, code-point offsets, exit statuses and the
//! handling of malformed jsonl lines.

use assert_cmd::Command;
use serde_json::Value;

fn riserbo() -> Command {
    Command::cargo_bin("riserbo").unwrap()
}

/// Runs the command, checks its exit status, returns what it printed.
fn output(command: &mut Command, code: i32) -> String {
    String::from_utf8(command.assert().code(code).get_output().stdout.clone()).unwrap()
}

/// Runs the command, checks its exit status, returns what it said on stderr.
fn complaint(command: &mut Command, code: i32) -> String {
    String::from_utf8(command.assert().code(code).get_output().stderr.clone()).unwrap()
}

/// A directory of one test's own (tests run in parallel in one process, so
/// the name is the test's), removed when the test ends, passed or failed.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!("riserbo-{name}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }
}

impl std::ops::Deref for Scratch {
    type Target = std::path::Path;
    fn deref(&self) -> &std::path::Path {
        &self.0
    }
}

impl AsRef<std::path::Path> for Scratch {
    fn as_ref(&self) -> &std::path::Path {
        &self.0
    }
}

impl AsRef<std::ffi::OsStr> for Scratch {
    fn as_ref(&self) -> &std::ffi::OsStr {
        self.0.as_os_str()
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn json_lines(stdout: &[u8]) -> Vec<Value> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

#[test]
fn json_offsets_are_code_points_end_exclusive() {
    // "Perché 😀 " is 9 code points but 13 bytes and 10 UTF-16 units.
    let out = riserbo()
        .args(["check", "--format", "json"])
        .write_stdin("Perché 😀 RSSMRA85T10A562S")
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let v: Value = serde_json::from_slice(&out).unwrap();
    let f = &v["findings"][0];
    assert_eq!(f["start"], 9);
    assert_eq!(f["end"], 25);
    assert_eq!(f["category"], "personal_data");
    assert_eq!(f["kind"], "codice_fiscale");
    assert_eq!(f["severity"], "critical");
    assert_eq!(f["rule"], "personal_data.codice_fiscale");
    assert_eq!(f["text"], "RSSMRA85T10A562S");
    assert!(f["message"].as_str().unwrap().contains("DPR 62/2013"));
}

#[test]
fn clean_text_exits_zero() {
    let out = riserbo()
        .args(["check", "--format", "json", "-"])
        .write_stdin("Buona domenica a tutti!")
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        serde_json::from_slice::<Value>(&out).unwrap(),
        serde_json::json!({"findings": []})
    );
}

#[test]
fn text_format_shows_line_caret_and_message_without_colour_when_piped() {
    let text = output(
        riserbo()
            .args(["check"])
            .write_stdin("prima riga\ncf: RSSMRA85T10A562S ok\n"),
        1,
    );
    assert!(text.contains("-:2:5: critico [personal_data.codice_fiscale]"), "{text}");
    assert!(text.contains("2 | cf: RSSMRA85T10A562S ok"), "{text}");
    assert!(text.contains("  |     ^^^^^^^^^^^^^^^^\n"), "{text}");
    assert!(!text.contains('\x1b'), "no colour when not on a terminal");
    assert!(
        text.ends_with("-: 1 segnalazione, 1 da correggere prima di pubblicare\n"),
        "{text}"
    );
}

#[test]
fn jsonl_keeps_going_after_a_malformed_line_and_exits_two() {
    let input = concat!(
        "{\"id\": 1, \"text\": \"RSSMRA85T10A562S\"}\n",
        "not json\n",
        "{\"id\": \"b\", \"text\": \"tutto bene\"}\n",
        "{\"id\": 4}\n",
    );
    let out = riserbo()
        .args(["check", "--format", "jsonl"])
        .write_stdin(input)
        .assert()
        .code(2)
        .get_output()
        .stdout
        .clone();
    let lines = json_lines(&out);
    assert_eq!(lines.len(), 4);
    assert_eq!(lines[0]["id"], 1);
    assert_eq!(lines[0]["findings"][0]["start"], 0);
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("JSON"));
    assert_eq!(lines[2], serde_json::json!({"id": "b", "findings": []}));
    assert_eq!(lines[3]["line"], 4);
}

#[test]
fn jsonl_with_findings_and_no_errors_exits_one() {
    riserbo()
        .args(["check", "--format", "jsonl"])
        .write_stdin("{\"id\": 1, \"text\": \"cf RSSMRA85T10A562S\"}\n{\"id\": 2, \"text\": \"ciao\"}\n")
        .assert()
        .code(1);
}

#[test]
fn usage_and_input_errors_exit_two_with_one_line() {
    for args in [
        vec!["check", "--format", "xml"],
        vec!["check", "/nonexistent/post.txt"],
        vec!["bogus"],
    ] {
        let out = riserbo().args(&args).assert().code(2).get_output().clone();
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(stderr.starts_with("riserbo: "), "{stderr}");
    }
    // Not UTF-8.
    riserbo()
        .args(["check"])
        .write_stdin(vec![0xff, 0xfe, 0x41])
        .assert()
        .code(2);
}

#[test]
fn a_policy_file_changes_the_result_and_a_bad_one_is_an_error() {
    let dir = Scratch::new("cli");
    let allow = dir.join("allow.json");
    std::fs::write(&allow, r#"{"allowlist": ["RSSMRA85T10A562S"]}"#).unwrap();
    riserbo()
        .args(["check", "--policy", allow.to_str().unwrap()])
        .write_stdin("RSSMRA85T10A562S")
        .assert()
        .code(0);

    let bad = dir.join("bad.json");
    std::fs::write(&bad, r#"{"mode": "sometimes"}"#).unwrap();
    let out = riserbo()
        .args(["check", "--policy", bad.to_str().unwrap()])
        .write_stdin("x")
        .assert()
        .code(2);
    let stderr = String::from_utf8(out.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("mode") || stderr.contains("sometimes"), "{stderr}");
    assert_eq!(stderr.lines().count(), 1);
}

#[test]
fn eval_reports_per_category_and_fails_below_its_floors() {
    let dir = Scratch::new("eval");
    let corpus = dir.join("corpus.jsonl");
    std::fs::write(
        &corpus,
        concat!(
            "{\"id\":\"a\",\"text\":\"Il sindaco è un incompetente\",\"labels\":[\"reputation\"],\"split\":\"x\"}\n",
            "{\"id\":\"b\",\"text\":\"Bella giornata\",\"labels\":[],\"split\":\"x\"}\n",
            "{\"id\":\"c\",\"text\":\"Che bello il mare\",\"labels\":[\"confidential\"],\"split\":\"x\"}\n",
            // One's own number in a sale ad: borderline by the author's
            // word, so its warning is no false alarm; the same post
            // without `also_ok` is one.
            "{\"id\":\"d\",\"text\":\"Vendo bici, scrivetemi al 347 552 9013\",\"labels\":[],\"also_ok\":[\"personal_data\"],\"split\":\"x\"}\n",
            "{\"id\":\"e\",\"text\":\"Vendo bici, scrivetemi al 347 552 9013\",\"labels\":[],\"split\":\"x\"}\n",
        ),
    )
    .unwrap();
    let text = output(riserbo().args(["eval", corpus.to_str().unwrap()]), 0);
    assert!(text.contains("reputation"), "{text}");
    assert!(text.contains("clean posts with a warning: 33.3% (1/3)"), "{text}");
    // The missed confidential post makes an F1 floor fail.
    riserbo()
        .args(["eval", corpus.to_str().unwrap(), "--min-f1", "0.9"])
        .assert()
        .code(1);
}

#[test]
fn policy_template_is_valid_and_validate_names_bad_fields() {
    let template = riserbo()
        .args(["policy", "template"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let dir = Scratch::new("policy");
    let good = dir.join("good.json");
    std::fs::write(&good, &template).unwrap();
    riserbo()
        .args(["policy", "validate", good.to_str().unwrap()])
        .assert()
        .code(0);
    // The template is also accepted by `check --policy`.
    riserbo()
        .args(["check", "--policy", good.to_str().unwrap()])
        .write_stdin("ciao")
        .assert()
        .code(0);

    let bad = dir.join("bad.json");
    std::fs::write(
        &bad,
        r#"{"mode": "sometimes", "allowlist": "not a list", "enteName": "Comune di Prova"}"#,
    )
    .unwrap();
    let text = output(riserbo().args(["policy", "validate", bad.to_str().unwrap()]), 1);
    assert!(text.contains("bad.json: mode:"), "{text}");
    assert!(text.contains("bad.json: allowlist:"), "{text}");
    assert!(!text.contains("enteName"), "{text}");
}

#[test]
fn the_deployment_templates_hold_valid_policies() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/deploy");
    let read =
        |name: &str| -> Value { serde_json::from_str(&std::fs::read_to_string(root.join(name)).unwrap()).unwrap() };
    let linux = read("linux-riserbo.json")["3rdparty"]["extensions"]["RISERBO_EXTENSION_ID"].clone();
    let firefox =
        read("firefox-policies.json")["policies"]["3rdparty"]["Extensions"]["riserbo@riserbo.invalid"].clone();
    // Google Admin wraps each value as {"Value": ...}.
    let admin: serde_json::Map<String, Value> = read("google-admin-policy.json")
        .as_object()
        .unwrap()
        .iter()
        .map(|(k, v)| (k.clone(), v["Value"].clone()))
        .collect();
    let dir = Scratch::new("templates");
    for (name, policy) in [("linux", linux), ("firefox", firefox), ("admin", Value::Object(admin))] {
        assert!(policy.is_object(), "{name}");
        let file = dir.join(format!("{name}.json"));
        std::fs::write(&file, policy.to_string()).unwrap();
        riserbo()
            .args(["policy", "validate", file.to_str().unwrap()])
            .assert()
            .code(0);
    }
}

/// The demo Comune's coat of arms, as the default policy knows it.
const DEMO_LOGO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../icons/stemma-esempio.png");

fn write_png(path: &std::path::Path, width: u32, height: u32, pixel: impl Fn(u32, u32) -> [u8; 3]) {
    image::RgbImage::from_fn(width, height, |x, y| image::Rgb(pixel(x, y)))
        .save(path)
        .unwrap();
}

#[test]
fn the_default_policy_carries_the_fingerprint_of_the_demo_logo() {
    let printed = output(riserbo().args(["logo", "fingerprint", DEMO_LOGO]), 0);
    let default = include_str!("../../core/src/logo/demo-fingerprint.txt");
    assert_eq!(printed.trim(), default.trim());
}

#[test]
fn check_image_finds_the_logo_and_passes_a_picture_without_it() {
    let dir = Scratch::new("cli-2");
    let plain = dir.join("prato.png");
    write_png(&plain, 640, 480, |x, y| {
        [(x % 200) as u8, 120 + (y % 60) as u8, ((x * y) % 90) as u8]
    });

    let text = output(riserbo().args(["check-image", DEMO_LOGO]), 1);
    assert!(
        text.contains("critico") && text.contains("logo dell'Ente") && text.contains("doc. 003"),
        "{text}"
    );
    let text = output(riserbo().arg("check-image").arg(&plain), 0);
    assert!(text.ends_with("nessun logo dell'Ente\n"), "{text}");

    // One record per picture; an unreadable one is a record too, exit 2.
    let damaged = dir.join("rotta.png");
    std::fs::write(&damaged, &std::fs::read(&plain).unwrap()[..200]).unwrap();
    let out = output(
        riserbo()
            .args(["check-image", "--format", "jsonl", DEMO_LOGO])
            .arg(&plain)
            .arg(&damaged),
        2,
    );
    let records = json_lines(out.as_bytes());
    assert_eq!(records.len(), 3);
    assert_eq!(records[0]["findings"][0]["rule"], "logo.ente");
    assert_eq!(records[0]["findings"][0]["area"]["logo"], 0);
    assert_eq!(records[1]["findings"], serde_json::json!([]));
    assert!(
        records[2]["error"].as_str().unwrap().contains("damaged picture"),
        "{}",
        records[2]
    );
}

/// The CRC-32 of PNG chunks (ISO 3309), bit by bit: a test needs no table.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &b in bytes {
        crc ^= u32::from(b);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

#[test]
fn check_image_refuses_what_it_must_not_decode() {
    let dir = Scratch::new("cli-refuse");
    // A valid PNG header announcing 30000×30000 pixels, and nothing else:
    // what a decompression bomb starts with.
    let bomb = dir.join("bomba.png");
    let mut chunk = b"IHDR".to_vec();
    chunk.extend(30_000u32.to_be_bytes());
    chunk.extend(30_000u32.to_be_bytes());
    chunk.extend([8, 6, 0, 0, 0]);
    let mut header = b"\x89PNG\r\n\x1a\n\0\0\0\x0d".to_vec();
    header.extend(&chunk);
    header.extend(crc32(&chunk).to_be_bytes());
    for empty in [&b"IDAT"[..], &b"IEND"[..]] {
        header.extend(0u32.to_be_bytes());
        header.extend(empty);
        header.extend(crc32(empty).to_be_bytes());
    }
    std::fs::write(&bomb, header).unwrap();
    let err = complaint(riserbo().arg("check-image").arg(&bomb), 2);
    assert!(err.contains("30000×30000"), "{}", err);

    let notes = dir.join("note.txt");
    std::fs::write(&notes, "non è un'immagine").unwrap();
    let err = complaint(riserbo().arg("check-image").arg(&notes), 2);
    assert!(err.contains("not a JPEG, PNG, WebP or GIF picture"));

    let err = complaint(riserbo().args(["logo", "fingerprint"]).arg(&notes), 2);
    assert!(err.starts_with("riserbo: "));
}

#[test]
fn a_policy_with_a_damaged_fingerprint_is_named_by_validate() {
    let dir = Scratch::new("cli-policy");
    let policy = dir.join("policy.json");
    std::fs::write(&policy, r#"{"logoFingerprints": ["riserbo-logo:1:AAAA"]}"#).unwrap();
    let text = output(riserbo().args(["policy", "validate"]).arg(&policy), 1);
    assert!(
        text.contains("logoFingerprints[0]: the fingerprint is damaged"),
        "{text}"
    );
}

#[test]
fn jsonl_reports_a_line_that_is_not_utf8_and_checks_the_rest() {
    let mut input = b"{\"id\": 1, \"text\": \"cf RSSMRA85T10A562S\"}\n".to_vec();
    input.extend_from_slice(b"{\"id\": 2, \"text\": \"\xff\xfe caf\xe8\"}\n");
    input.extend_from_slice(b"{\"id\": 3, \"text\": \"ciao\"}\r\n");
    let out = riserbo()
        .args(["check", "--format", "jsonl"])
        .write_stdin(input)
        .assert()
        .code(2)
        .get_output()
        .clone();
    let lines = json_lines(&out.stdout);
    assert_eq!(lines.len(), 3, "{lines:?}");
    assert_eq!(lines[0]["findings"][0]["kind"], "codice_fiscale");
    assert_eq!(lines[1]["line"], 2);
    assert!(lines[1]["error"].as_str().unwrap().contains("UTF-8"), "{lines:?}");
    assert_eq!(lines[2], serde_json::json!({"id": 3, "findings": []}));
}

#[test]
fn jsonl_refuses_a_duplicate_key_instead_of_reading_its_last_value() {
    let out = riserbo()
        .args(["check", "--format", "jsonl"])
        .write_stdin("{\"text\":\"RSSMRA85T10A562S\",\"text\":\"ok\",\"id\":1}\n\u{FEFF}{\"id\":2,\"text\":\"ok\"}\n")
        .assert()
        .code(2)
        .get_output()
        .clone();
    let lines = json_lines(&out.stdout);
    assert_eq!(lines[0]["line"], 1);
    assert!(
        lines[0]["error"].as_str().unwrap().contains("duplicate key `text`"),
        "{lines:?}"
    );
    // A byte order mark before a record is skipped, as before a policy.
    assert_eq!(lines[1], serde_json::json!({"id": 2, "findings": []}));
}

#[test]
fn validate_and_check_read_a_policy_alike() {
    let dir = Scratch::new("policy-2");
    let twice = dir.join("twice.json");
    std::fs::write(&twice, r#"{"mode": "warn", "mode": "block"}"#).unwrap();
    let text = output(riserbo().args(["policy", "validate"]).arg(&twice), 1);
    assert!(text.contains("duplicate key `mode`"), "{text}");
    let stderr = complaint(riserbo().args(["check", "--policy"]).arg(&twice).write_stdin("ciao"), 2);
    assert!(stderr.contains("duplicate key `mode`"), "{stderr}");
    // A byte order mark, as Windows editors write it: valid for both.
    let bom = dir.join("bom.json");
    std::fs::write(&bom, "\u{FEFF}{\"allowlist\": [\"RSSMRA85T10A562S\"]}").unwrap();
    output(riserbo().args(["policy", "validate"]).arg(&bom), 0);
    output(
        riserbo()
            .args(["check", "--policy"])
            .arg(&bom)
            .write_stdin("cf RSSMRA85T10A562S"),
        0,
    );
    // A blank allowlist entry is named, and refused by both.
    let blank = dir.join("blank.json");
    std::fs::write(&blank, r#"{"allowlist": [" "]}"#).unwrap();
    let text = output(riserbo().args(["policy", "validate"]).arg(&blank), 1);
    assert!(text.contains("allowlist[0]"), "{text}");
    complaint(riserbo().args(["check", "--policy"]).arg(&blank).write_stdin("ciao"), 2);
}

#[test]
fn text_format_shows_a_window_around_each_finding_of_a_long_line() {
    let phones: Vec<String> = (0..2_000).map(|i| format!("tel 333 {:07}", 1_000_000 + i)).collect();
    let line = format!("{} fine", phones.join(" e "));
    let text = output(riserbo().arg("check").write_stdin(line.clone()), 1);
    let findings = text.matches("[personal_data.phone]").count();
    assert!(findings >= 1_900, "{findings}");
    // Each finding prints a window of the line, not the line.
    assert!(
        text.len() < findings * 600,
        "{} bytes for {findings} findings",
        text.len()
    );
    let shown: Vec<&str> = text.lines().filter(|l| l.starts_with("1 | ")).collect();
    assert_eq!(shown.len(), findings);
    assert!(
        shown.iter().all(|l| l.chars().count() <= 4 + 1 + 40 + 80 + 40 + 1),
        "{shown:?}"
    );
    // The window holds the number, its carets and the column in characters.
    let second = format!("tel 333 {}", 1_000_001);
    let column = line.find(&second).unwrap() + 5;
    assert!(text.contains(&format!("-:1:{column}: critico")), "{}", &text[..2000]);
    let tenth = shown.iter().find(|l| l.contains("333 1000010 ")).unwrap();
    assert!(tenth.starts_with("1 | …") && tenth.ends_with('…'), "{tenth}");
}

#[test]
fn check_image_reads_text_unless_switched_off_and_says_when_tesseract_is_missing() {
    let dir = Scratch::new("cli-text");
    let policy = dir.join("policy.json");
    // No logo to look for and the text switched off: nothing to do.
    std::fs::write(&policy, r#"{"logoFingerprints": [], "imageText": false}"#).unwrap();
    let err = complaint(
        riserbo().arg("check-image").arg("--policy").arg(&policy).arg(DEMO_LOGO),
        2,
    );
    assert!(err.contains("nothing to look for"), "{err}");
    // Without Tesseract, one line says what to install; the logo is still searched.
    let out = riserbo()
        .env("RISERBO_TESSERACT", dir.join("no-such-tesseract"))
        .args(["check-image", "--format", "jsonl", DEMO_LOGO])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("tesseract-ocr-ita"), "{err}");
    let records = json_lines(&out.stdout);
    assert_eq!(records[0]["findings"][0]["rule"], "logo.ente");
    assert_eq!(records[0]["text"], serde_json::Value::Null);
}

#[test]
fn strips_of_one_pixel_are_refused_with_a_message_and_the_batch_goes_on() {
    // Issue 13, item 2: a 20,000×1 PNG of a few hundred bytes passed the
    // header check and was searched at gigapixels (minutes, gigabytes).
    let dir = Scratch::new("cli-strip");
    let wide = dir.join("striscia.png");
    let tall = dir.join("colonna.png");
    write_png(&wide, 20_000, 1, |x, _| [(x % 256) as u8, 40, 90]);
    write_png(&tall, 1, 20_000, |_, y| [(y % 256) as u8, 40, 90]);
    assert!(std::fs::metadata(&wide).unwrap().len() < 100_000);
    for (file, size) in [(&wide, "20000×1"), (&tall, "1×20000")] {
        let err = complaint(riserbo().arg("check-image").arg(file), 2);
        assert!(err.contains(size) && err.contains("troppo allungata"), "{err}");
    }
    // A wide banner within the ratio is still checked.
    let banner = dir.join("banner.png");
    write_png(&banner, 3000, 500, |x, y| [(x % 200) as u8, (y % 120) as u8, 60]);
    let out = output(
        riserbo()
            .args(["check-image", "--format", "jsonl"])
            .arg(&wide)
            .arg(&banner)
            .arg(&tall)
            .arg(DEMO_LOGO),
        2,
    );
    let records = json_lines(out.as_bytes());
    assert_eq!(records.len(), 4);
    assert!(records[0]["error"].as_str().unwrap().contains("troppo allungata"));
    assert_eq!(records[1]["findings"], serde_json::json!([]));
    assert!(records[2]["error"].as_str().unwrap().contains("troppo allungata"));
    assert_eq!(records[3]["findings"][0]["rule"], "logo.ente");
}

#[test]
fn a_truncated_jpeg_is_partly_unreadable_not_clean() {
    let dir = Scratch::new("cli-cut");
    let whole = dir.join("intera.jpg");
    image::RgbImage::from_fn(640, 480, |x, y| {
        image::Rgb([(x % 200) as u8, 120 + (y % 60) as u8, ((x * y) % 90) as u8])
    })
    .save(&whole)
    .unwrap();
    let bytes = std::fs::read(&whole).unwrap();
    let cut = dir.join("troncata.jpg");
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();

    let text = output(riserbo().arg("check-image").arg(&whole), 0);
    assert!(text.ends_with("nessun logo dell'Ente\n"), "{text}");
    let text = output(riserbo().arg("check-image").arg(&cut), 2);
    assert!(text.contains("in parte illeggibile"), "{text}");
    assert!(!text.ends_with(": nessun logo dell'Ente\n"), "{text}");
    let out = output(
        riserbo()
            .args(["check-image", "--format", "jsonl"])
            .arg(&cut)
            .arg(&whole),
        2,
    );
    let records = json_lines(out.as_bytes());
    assert!(
        records[0]["warning"].as_str().unwrap().contains("in parte illeggibile"),
        "{}",
        records[0]
    );
    assert!(records[1].get("warning").is_none(), "{}", records[1]);
}

#[test]
fn a_picture_beyond_the_memory_budget_is_reported_and_the_others_checked() {
    let dir = Scratch::new("cli-memory");
    let large = dir.join("grande.png");
    write_png(&large, 3000, 2000, |x, y| [(x % 256) as u8, (y % 256) as u8, 0]);
    let out = output(
        riserbo()
            .args(["check-image", "--format", "jsonl", "--max-memory", "32"])
            .arg(&large)
            .arg(DEMO_LOGO),
        2,
    );
    let records = json_lines(out.as_bytes());
    assert_eq!(records.len(), 2);
    assert!(
        records[0]["error"].as_str().unwrap().contains("memoria insufficiente"),
        "{}",
        records[0]
    );
    assert_eq!(records[1]["findings"][0]["rule"], "logo.ente");
    // With the default budget the same picture is checked.
    output(riserbo().arg("check-image").arg(&large), 0);
}

#[test]
fn jsonl_rows_come_out_in_input_order_whatever_the_number_of_threads() {
    // Over a thousand lines: several chunks per worker, an error row in a
    // late chunk (its line number counts from the start of the input, not
    // of its chunk) and blank lines that are skipped.
    let mut input = String::new();
    for i in 1..=1100 {
        match i {
            700 => input.push_str("{\"id\": 700, \"text\": 5}\n"),
            701 => input.push('\n'),
            _ if i % 3 == 0 => input.push_str(&format!("{{\"id\": {i}, \"text\": \"cf RSSMRA85T10A562S n. {i}\"}}\n")),
            _ => input.push_str(&format!(
                "{{\"id\": {i}, \"text\": \"buongiorno a tutti, riunione alle {i}\"}}\n"
            )),
        }
    }
    let run = |jobs: &str| {
        riserbo()
            .args(["check", "--format", "jsonl", "--jobs", jobs])
            .write_stdin(input.clone())
            .assert()
            .code(2)
            .get_output()
            .stdout
            .clone()
    };
    let one = run("1");
    let lines = json_lines(&one);
    assert_eq!(lines.len(), 1099, "one row a line, the blank line skipped");
    assert_eq!(
        lines[699],
        serde_json::json!({"line": 700, "error": "\"text\" must be a string"})
    );
    assert_eq!(lines[1098]["id"], 1100);
    assert_eq!(lines[2]["findings"][0]["kind"], "codice_fiscale");
    for jobs in ["2", "3"] {
        assert!(run(jobs) == one, "--jobs {jobs} wrote other rows than --jobs 1");
    }
}
