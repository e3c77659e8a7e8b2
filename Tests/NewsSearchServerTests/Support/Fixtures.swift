/// Hand-made articles in the seed's text layout (title line, lead, heading, body).
enum Fixtures {
    static let articles: [String: String] = [
        "korea.txt": """
            Border Closure Shakes The Peninsula
            North Korea closed its border with the South on Monday, ending the last joint ventures.
            The United States Position
            Washington kept a policy of calibrated pressure, balancing sanctions with offers of dialogue.
            Author: Brett Hurll

            """,
        "markets.txt": """
            Markets Calm After The Border News
            Traders in Seoul shrugged off the closure as exporters reported strong orders.
            Author: Ana Ruiz

            """,
        "weather.txt": """
            A Wet Spring For Farmers
            Heavy rain delayed planting across the plains, and prices of maize rose.

            """,
    ]
}
