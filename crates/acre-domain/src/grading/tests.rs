//! The seed's two tables, row by row, and the answers that fit no row.

use super::*;

fn not_comp(obj: bool, subj: bool, resolve: Level, feas: bool, sel: bool) -> Answers {
    Answers::NotComputerised {
        objective_need: obj,
        subjective_need: subj,
        resolve,
        feasibility_started: feas,
        selection_started: sel,
    }
}

fn comp(obj: bool, subj: bool, dis: Level, resolve: Level, sel: bool) -> Answers {
    Answers::Computerised {
        objective_need: obj,
        subjective_need: subj,
        dissatisfaction: dis,
        resolve,
        selection_started: sel,
    }
}

fn proposed(a: Answers) -> (Grade, Basis) {
    let p = a.propose();
    (p.grade, p.basis)
}

#[test]
fn not_computerised_row_a() {
    assert_eq!(
        proposed(not_comp(true, true, High, true, true)),
        (Grade::A, Basis::Row)
    );
}

#[test]
fn not_computerised_row_b_every_variant() {
    // high resolve, feasibility study either way, no selection yet.
    for feas in [true, false] {
        let a = not_comp(true, true, High, feas, false);
        assert_eq!(proposed(a), (Grade::B, Basis::Row));
        assert!(a.fits(Grade::B, false));
    }
    // mid resolve fits B and C: the lower, C, is proposed, B is accepted.
    for feas in [true, false] {
        let a = not_comp(true, true, Mid, feas, false);
        assert!(a.fits(Grade::B, false));
        assert_eq!(proposed(a), (Grade::C, Basis::Row));
        assert_eq!(a.check(Grade::B), None);
    }
}

#[test]
fn not_computerised_row_c_every_variant() {
    for resolve in [Mid, Low] {
        for feas in [true, false] {
            let a = not_comp(true, true, resolve, feas, false);
            assert_eq!(proposed(a), (Grade::C, Basis::Row), "{resolve:?} {feas}");
        }
    }
}

#[test]
fn not_computerised_row_d_every_variant() {
    for resolve in [Low, Nil] {
        let a = not_comp(true, false, resolve, false, false);
        assert_eq!(proposed(a), (Grade::D, Basis::Row));
    }
}

#[test]
fn computerised_row_a() {
    assert_eq!(
        proposed(comp(true, true, High, High, true)),
        (Grade::A, Basis::Row)
    );
}

#[test]
fn computerised_row_b_every_variant() {
    for (dis, res) in [(High, High), (High, Mid), (Mid, High)] {
        assert_eq!(
            proposed(comp(true, true, dis, res, false)),
            (Grade::B, Basis::Row)
        );
    }
    // mid/mid fits B and C: C proposed, B accepted.
    let a = comp(true, true, Mid, Mid, false);
    assert!(a.fits(Grade::B, false) && a.fits(Grade::C, false));
    assert_eq!(proposed(a), (Grade::C, Basis::Row));
    assert_eq!(a.check(Grade::B), None);
}

#[test]
fn computerised_row_c_every_variant() {
    for (dis, res) in [(Mid, Low), (Low, Mid), (Mid, Mid)] {
        assert_eq!(
            proposed(comp(true, true, dis, res, false)),
            (Grade::C, Basis::Row),
            "{dis:?} {res:?}"
        );
    }
}

#[test]
fn computerised_row_d_every_variant() {
    for dis in [Low, Nil] {
        for res in [Low, Nil] {
            assert_eq!(
                proposed(comp(true, true, dis, res, false)),
                (Grade::D, Basis::Row)
            );
        }
    }
}

#[test]
fn close_windows() {
    let w = |g: Grade| {
        let c = g.close_window();
        (c.from_months, c.to_months)
    };
    assert_eq!(w(Grade::A), (0, Some(3)));
    assert_eq!(w(Grade::B), (4, Some(6)));
    assert_eq!(w(Grade::C), (7, Some(12)));
    assert_eq!(w(Grade::D), (13, None));
    assert_eq!(
        not_comp(true, true, High, true, true)
            .propose()
            .close_window,
        Grade::A.close_window()
    );
}

#[test]
fn no_objective_need_is_not_a_prospect() {
    for a in [
        not_comp(false, true, High, true, true),
        comp(false, true, High, High, true),
    ] {
        assert_eq!(proposed(a), (Grade::D, Basis::NoObjectiveNeed));
        assert_eq!(a.check(Grade::D), None);
        assert_eq!(a.check(Grade::A), Some(Flag::Overrated));
    }
}

#[test]
fn contradicting_answers_relax_the_started_columns() {
    // Selection started without a feasibility study: B, not A.
    assert_eq!(
        proposed(not_comp(true, true, High, false, true)),
        (Grade::B, Basis::Relaxed)
    );
    // Selection started with mid or low resolve: C.
    assert_eq!(
        proposed(not_comp(true, true, Mid, true, true)),
        (Grade::C, Basis::Relaxed)
    );
    assert_eq!(
        proposed(comp(true, true, Low, Low, true)),
        (Grade::D, Basis::Relaxed)
    );
    // A feasibility study without subjective need stays D.
    assert_eq!(
        proposed(not_comp(true, false, Low, true, false)),
        (Grade::D, Basis::Relaxed)
    );
}

#[test]
fn answers_fitting_no_row_are_d() {
    for a in [
        // No resolve at all although they want it.
        not_comp(true, true, Nil, false, false),
        // No subjective need but high resolve.
        not_comp(true, false, High, false, false),
        // Computerised, content with the system.
        comp(true, false, High, High, false),
        // Very unhappy but no resolve to switch.
        comp(true, true, High, Low, false),
    ] {
        assert_eq!(proposed(a), (Grade::D, Basis::NoRow), "{a:?}");
    }
}

#[test]
fn the_seed_prose_examples() {
    // Self-developed system, author left, maintenance hard → B.
    assert_eq!(proposed(comp(true, true, High, Mid, false)).0, Grade::B);
    // Author still there, users grudgingly accept it → C.
    assert_eq!(proposed(comp(true, true, Mid, Low, false)).0, Grade::C);
    // Just signed with someone else → D.
    assert_eq!(proposed(comp(true, true, Nil, Nil, false)).0, Grade::D);
}

#[test]
fn flags_say_which_way() {
    let c = not_comp(true, true, Low, false, false);
    assert_eq!(c.check(Grade::C), None);
    assert_eq!(c.check(Grade::A), Some(Flag::Overrated));
    assert_eq!(c.check(Grade::B), Some(Flag::Overrated));
    assert_eq!(c.check(Grade::D), Some(Flag::Underrated));
    let a = comp(true, true, High, High, true);
    assert_eq!(a.check(Grade::A), None);
    assert_eq!(a.check(Grade::C), Some(Flag::Underrated));
    // The proposal itself is never flagged, even when no row fits.
    let none = not_comp(true, true, Nil, false, false);
    assert_eq!(none.check(Grade::D), None);
}

#[test]
fn parse_from_form_values() {
    let form = [
        ("computerised", "no"),
        ("objective_need", "yes"),
        ("subjective_need", "yes"),
        ("resolve", "high"),
        ("feasibility_started", "yes"),
        ("selection_started", "true"),
        ("dissatisfaction", "ignored"),
    ];
    let get = |k: &str| form.iter().find(|(f, _)| *f == k).map(|(_, v)| *v);
    assert_eq!(
        Answers::parse(get),
        Ok(not_comp(true, true, High, true, true))
    );
}

#[test]
fn parse_reports_every_bad_field() {
    let form = [
        ("computerised", "yes"),
        ("objective_need", "maybe"),
        ("resolve", "extreme"),
        ("selection_started", "no"),
    ];
    let get = |k: &str| form.iter().find(|(f, _)| *f == k).map(|(_, v)| *v);
    let errs = Answers::parse(get).unwrap_err();
    assert_eq!(
        errs,
        vec![
            ("objective_need", "err-option"),
            ("subjective_need", "err-required"),
            ("resolve", "err-option"),
            ("dissatisfaction", "err-required"),
        ]
    );
    let errs = Answers::parse(|_| None).unwrap_err();
    assert_eq!(errs[0], ("computerised", "err-required"));
}

#[test]
fn answers_round_trip_as_json() {
    let a = comp(true, true, Mid, Low, false);
    let s = serde_json::to_string(&a).unwrap();
    assert!(s.contains("\"computerised\":\"yes\""), "{s}");
    assert_eq!(serde_json::from_str::<Answers>(&s).unwrap(), a);
}
