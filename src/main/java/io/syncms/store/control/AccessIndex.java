package io.syncms.store.control;

import io.syncms.store.entity.AccessRoots;
import io.syncms.store.entity.ReferenceKind;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who was granted what, from the heads of the Access, IdAccess and Group objects: grants by person
 * and by group, and group members by group and groups by person, so the roots of a person are found
 * without looking at anything else. Thread-safe.
 */
final class AccessIndex {

    /** What the head of one Access (OBJECT target) or IdAccess (ID target) grants to whom. */
    record Grant(ReferenceKind kind, String target, Set<String> persons, Set<String> groups) {

        Grant {
            persons = Set.copyOf(persons);
            groups = Set.copyOf(groups);
        }
    }

    private final Map<String, Grant> grants = new HashMap<>();
    private final Map<String, Set<String>> grantsByPerson = new HashMap<>();
    private final Map<String, Set<String>> grantsByGroup = new HashMap<>();
    private final Map<String, Set<String>> members = new HashMap<>();
    private final Map<String, Set<String>> groupsByPerson = new HashMap<>();

    /** Sets what the Access or IdAccess with this ID hash grants now (replacing its previous head). */
    synchronized void putGrant(String accessIdHash, Grant grant) {
        removeGrant(accessIdHash);
        grants.put(accessIdHash, grant);
        grant.persons().forEach(person -> add(grantsByPerson, person, accessIdHash));
        grant.groups().forEach(group -> add(grantsByGroup, group, accessIdHash));
    }

    synchronized void removeGrant(String accessIdHash) {
        Grant previous = grants.remove(accessIdHash);
        if (previous != null) {
            previous.persons().forEach(person -> remove(grantsByPerson, person, accessIdHash));
            previous.groups().forEach(group -> remove(grantsByGroup, group, accessIdHash));
        }
    }

    /** Sets the members of a group (from its head). */
    synchronized void putGroup(String groupIdHash, Set<String> persons) {
        removeGroup(groupIdHash);
        members.put(groupIdHash, Set.copyOf(persons));
        persons.forEach(person -> add(groupsByPerson, person, groupIdHash));
    }

    synchronized void removeGroup(String groupIdHash) {
        Set<String> previous = members.remove(groupIdHash);
        if (previous != null) {
            previous.forEach(person -> remove(groupsByPerson, person, groupIdHash));
        }
    }

    synchronized AccessRoots rootsOf(String personIdHash) {
        return rootsOf(personIdHash, groupsByPerson.getOrDefault(personIdHash, Set.of()));
    }

    /** The groups whose head names the person. */
    synchronized Set<String> groupsOf(String personIdHash) {
        return Set.copyOf(groupsByPerson.getOrDefault(personIdHash, Set.of()));
    }

    /** What is granted to the person by name and to the given groups (membership is not checked). */
    synchronized AccessRoots rootsOf(String personIdHash, Set<String> groups) {
        Set<String> accessIds = new HashSet<>(grantsByPerson.getOrDefault(personIdHash, Set.of()));
        for (String group : groups) {
            accessIds.addAll(grantsByGroup.getOrDefault(group, Set.of()));
        }
        Set<String> objects = new HashSet<>();
        Set<String> idHashes = new HashSet<>();
        for (String accessId : accessIds) {
            Grant grant = grants.get(accessId);
            (grant.kind() == ReferenceKind.ID ? idHashes : objects).add(grant.target());
        }
        return new AccessRoots(objects, idHashes);
    }

    private static void add(Map<String, Set<String>> index, String key, String value) {
        index.computeIfAbsent(key, k -> new HashSet<>()).add(value);
    }

    private static void remove(Map<String, Set<String>> index, String key, String value) {
        Set<String> values = index.get(key);
        if (values != null && values.remove(value) && values.isEmpty()) {
            index.remove(key);
        }
    }
}
