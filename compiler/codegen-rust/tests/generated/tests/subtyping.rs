//! Casts, kind enums, upcasts and equivalent types through `subtyping.wxl`'s generated code.

use std::rc::Rc;

use wxl_codegen_rust_tests::seeds;
use wxl_codegen_rust_tests::subtyping as s;

#[test]
fn casts_follow_the_actual_type() {
    let buf = seeds::subtyping_buffer();
    let park = s::root(&buf).expect("verifies");
    let animals: Vec<_> = park.animals().iter().collect();
    assert_eq!(animals.len(), 4);
    assert!(animals[1].is_none());
    let dog = animals[0].expect("dog");
    let cat = animals[2].expect("cat");
    let puppy = animals[3].expect("puppy");
    assert_eq!((dog.name(), cat.name(), puppy.name()), ("rex", "tom", "bit"));
    assert!(dog.as_dog().is_some() && dog.as_puppy().is_none() && dog.as_cat().is_none());
    assert!(puppy.as_dog().is_some(), "a puppy is a dog");
    assert_eq!(puppy.as_puppy().map(|p| p.age()), Some(1));
    assert_eq!(cat.as_cat().map(|c| c.lives()), Some(9));
    // The schema's field `kind` keeps its name; the kind method moves aside.
    assert_eq!(cat.kind(), 2);
    assert!(matches!(puppy.kind_2(), s::AnimalKind::Puppy(_)));
    assert!(matches!(dog.kind_2(), s::AnimalKind::Dog(_)));
    let as_animal: s::Animal<'_> = puppy.as_puppy().expect("puppy").into();
    assert_eq!(as_animal.name(), "bit");
}

#[test]
fn covariant_fields_and_abstract_references() {
    let buf = seeds::subtyping_buffer();
    let park = s::root(&buf).expect("verifies");
    let owners: Vec<_> = park.owners().iter().collect();
    assert!(owners[0].as_dog_owner().is_none());
    let dog_owner = owners[1].as_dog_owner().expect("a dog owner");
    assert_eq!(dog_owner.pet().name(), "bit", "`pet` is `ref Dog` here: no Option");
    assert_eq!(owners[0].any_thing().i31_signed(), Some(-1));
    let zoo = park.zoo().expect("zoo");
    let kennel = zoo.as_kennel().expect("a kennel");
    assert_eq!(kennel.ids().i31_signed(), Some(77));
    assert_eq!(kennel.cages().map(|c| c.len()), Some(2));
    let wxl_runtime::AnyRef::Object(owners_object) = zoo.owners() else { panic!("an object") };
    assert_eq!(owners_object.type_id(), s::DogOwner::TYPE_ID);
}

#[test]
fn equivalent_types_are_one_type() {
    assert_eq!(s::ListA::TYPE_ID, s::ListB::TYPE_ID);
    assert_eq!(s::Point::TYPE_ID, s::Pair::TYPE_ID);
    let buf = seeds::subtyping_buffer();
    let park = s::root(&buf).expect("verifies");
    let head = park.lists().get(0).flatten().expect("head");
    assert_eq!(head.value(), 1);
    assert_eq!(head.next_().map(|tail| tail.value()), Some(2));
    let point = park.point().expect("point");
    assert_eq!((point.first(), point.second()), (3, 4));
}

#[test]
fn the_object_api_keeps_actual_types_and_sharing() {
    let buf = seeds::subtyping_buffer();
    let park = s::ParkT::unpack(s::root(&buf).expect("verifies"));
    // `Animals` has a subtype (`Dogs`): the field holds the enum over both.
    let s::AnimalsKindT::Animals(animals) = &park.animals else { panic!("an `Animals` array") };
    let Some(s::AnimalKindT::Puppy(puppy)) = &animals[3] else { panic!("a puppy") };
    let s::OwnerKindT::DogOwner(dog_owner) = &park.owners[1] else { panic!("a dog owner") };
    let s::DogKindT::Puppy(pet) = &dog_owner.pet else { panic!("the puppy") };
    assert!(Rc::ptr_eq(puppy, pet), "one object in the buffer, one Rc");
    let mut builder = wxl_runtime::Builder::new();
    let root = park.pack(&mut builder);
    let again = s::ParkT::unpack(s::root(s::finish(&mut builder, root)).expect("verifies"));
    assert_eq!(again, park);
}

#[test]
fn updates_through_casts() {
    let mut buf = seeds::subtyping_buffer();
    let mut park = s::root_mut(&mut buf).expect("verifies");
    park.set_visitors(11).expect("stored");
    let mut owners = park.owners_mut().expect("owners");
    let mut owner = owners.get_mut(0).expect("the first owner");
    let pet = owner.pet_mut().expect("a pet");
    let mut cat = pet.into_cat().ok().expect("a cat");
    cat.set_lives(8).expect("stored");
    let park = s::root(&buf).expect("still verifies");
    assert_eq!(park.visitors(), 11);
    assert_eq!(park.animals().get(2).flatten().and_then(|a| a.as_cat()).map(|c| c.lives()), Some(8));
}
