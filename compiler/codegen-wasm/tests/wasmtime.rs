//! Every scenario of tests/common/scenarios.rs in wasmtime (=48.0.8): the generated module
//! hosted over a memory holding hand-written and built buffers.

mod common;

macro_rules! scenario_tests {
    ($($name:ident),* $(,)?) => {$(
        #[test]
        fn $name() {
            common::scenarios::$name();
        }
    )*};
}

scenario_tests!(
    logs_read,
    logs_build,
    logs_hostile,
    logs_long_forms,
    logs_unaligned_address,
    logs_random_mutations,
    mesh_read,
    mesh_large,
    shapes_read,
    shapes_build,
    shapes_hostile,
    shapes_random_mutations,
    defaults,
    bridge_round_trip,
    bridge_random_mutations,
    logs_guest_store,
    shapes_guest_store,
    example_guest,
);

/// The list above and `scenarios::all()` (what Node replays) name the same scenarios.
#[test]
fn every_scenario_runs_here() {
    let here = [
        "logs_read", "logs_build", "logs_hostile", "logs_long_forms", "logs_unaligned_address",
        "logs_random_mutations", "mesh_read", "mesh_large", "shapes_read", "shapes_build",
        "shapes_hostile", "shapes_random_mutations", "defaults", "bridge_round_trip",
        "bridge_random_mutations", "logs_guest_store", "shapes_guest_store", "example_guest",
    ];
    let all: Vec<&str> = common::scenarios::all().into_iter().map(|(name, _)| name).collect();
    assert_eq!(all, here);
}
