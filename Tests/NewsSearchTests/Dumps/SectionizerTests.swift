import Testing
@testable import NewsSearch

@Suite struct SectionizerTests {
    let sectionizer = Sectionizer()

    @Test func shortLineFollowedByBodyOpensASection() {
        let parts = sectionizer.split(paragraphs: ["Lead sentence here.", "A Heading", "Body of the section."])
        #expect(parts.sections == [Section(heading: "", text: "Lead sentence here."),
                                   Section(heading: "A Heading", text: "Body of the section.")])
    }

    @Test(arguments: [
        "He said it was over.", "Is this a question?", "Stop!", "He said “no”", "He said \"no\"",
        "Note:", "and so on;",
    ])
    func sentencesAreNotHeadings(_ line: String) {
        #expect(!Sectionizer.isHeadingCandidate(line))
    }

    @Test func longLineIsNotAHeading() {
        let long = String(repeating: "word ", count: 30).trimmingCharacters(in: .whitespaces)
        #expect(!Sectionizer.isHeadingCandidate(long))
    }

    @Test func headingNeedsBodyTextAfterIt() {
        // Two short lines in a row: only the second can open a section; a short last line is body.
        let parts = sectionizer.split(paragraphs: ["Lead.", "First short", "Second short", "Body text.", "Closing line"])
        #expect(parts.sections.map(\.heading) == ["", "Second short"])
        #expect(parts.sections[0].text == "Lead.\nFirst short")
        #expect(parts.sections[1].text == "Body text.\nClosing line")
    }

    @Test func articleStartingWithAHeadingHasNoEmptyLead() {
        let parts = sectionizer.split(paragraphs: ["Background", "Body text."])
        #expect(parts.sections == [Section(heading: "Background", text: "Body text.")])
    }

    @Test func curlyApostrophesInHeadingsAreKept() {
        let parts = sectionizer.split(paragraphs: ["Lead.", "China’s Role", "Body."])
        #expect(parts.sections.last?.heading == "China’s Role")
    }

    @Test func authorAndTrailerAreExtracted() {
        let parts = sectionizer.split(paragraphs: [
            "Lead.", "Author: Jane Doe", "Other story title", "A teaser that stops... Read more",
        ])
        #expect(parts.author == "Jane Doe")
        #expect(parts.related == [RelatedItem(title: "Other story title", teaser: "A teaser that stops...")])
        #expect(parts.sections == [Section(heading: "", text: "Lead.")])
    }

    @Test func headingsOffForWireCopy() {
        let parts = Sectionizer(detectsHeadings: false).split(paragraphs: ["Lead.", "Short line", "Body."])
        #expect(parts.sections.count == 1)
    }
}
