/// What `roadmap init` writes: the embedded roadmap with its progress block in place.
public enum RoadmapTemplate {
    public static func markdown(wording: Wording = .default) throws -> [UInt8] {
        let document = try TrackerDocument(bytes: Array(EmbeddedRoadmap.markdown.utf8), wording: wording)
        return document.rendered([:])
    }
}
