"""Drives the newssearch search page in headless Chromium (Selenium + chromedriver).

Usage: drive.py BASE_URL ARTEFACTS_DIR
Types a query, checks highlighted hits, applies a date filter, opens an article with
the keyboard, goes back, and saves a screenshot after each step (also at phone width in
the dark theme). Exits non-zero with a message on the first thing that is wrong.
"""
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

BASE, OUT = sys.argv[1].rstrip("/"), sys.argv[2]
os.makedirs(OUT, exist_ok=True)


def browser(width, height, dark=False):
    options = webdriver.ChromeOptions()
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                 f"--window-size={width},{height}", "--force-device-scale-factor=1"]:
        options.add_argument(flag)
    if os.path.exists("/usr/bin/chromium"):
        options.binary_location = "/usr/bin/chromium"
    service = Service("/usr/bin/chromedriver") if os.path.exists("/usr/bin/chromedriver") else Service()
    driver = webdriver.Chrome(options=options, service=service)
    if dark:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": "dark"}]})
    return driver


def fail(message, driver=None):
    if driver is not None:
        driver.save_screenshot(os.path.join(OUT, "failure.png"))
        logs = [entry["message"] for entry in driver.get_log("browser")] if hasattr(driver, "get_log") else []
        if logs:
            print("browser console:\n  " + "\n  ".join(logs))
    print("browser test FAILED: " + message)
    sys.exit(1)


def wait(driver, condition, what, seconds=10):
    try:
        return WebDriverWait(driver, seconds).until(condition)
    except Exception:
        fail("timed out waiting for " + what, driver)


def shot(driver, name):
    path = os.path.join(OUT, name + ".png")
    driver.save_screenshot(path)
    print("screenshot: " + path)


def hits_done(driver):
    status = driver.find_element(By.ID, "status").text
    return status and not status.startswith("Searching")


def main():
    driver = browser(1280, 900)
    try:
        driver.get(BASE + "/")
        box = wait(driver, EC.element_to_be_clickable((By.ID, "q")), "the search box")
        shot(driver, "01-empty")
        # `/` focuses the box.
        driver.find_element(By.TAG_NAME, "body").send_keys("/")
        if driver.switch_to.active_element != box:
            fail("`/` did not focus the search box", driver)
        box.send_keys("border closure", Keys.ENTER)
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#hits li.hit") and hits_done(d), "hits")
        marks = driver.find_elements(By.CSS_SELECTOR, "#hits mark")
        if not marks:
            fail("no highlighted words in the hits", driver)
        if not any(m.text.lower().startswith(("border", "closure")) for m in marks):
            fail("the highlights are not the query's words: " + ", ".join(m.text for m in marks[:5]), driver)
        if "q=border+closure" not in driver.current_url:
            fail("the URL does not reflect the query: " + driver.current_url, driver)
        total_before = driver.find_element(By.ID, "status").text
        shot(driver, "02-results")

        # A date filter narrows the hits to the range.
        since = driver.find_element(By.ID, "since")
        since.clear()
        since.send_keys("2024-02")
        until = driver.find_element(By.ID, "until")
        until.clear()
        until.send_keys("2024-03", Keys.ENTER)
        wait(driver, lambda d: "since=2024-02" in d.current_url and hits_done(d), "the date filter to apply")
        wait(driver, lambda d: d.find_element(By.ID, "status").text != total_before, "the filtered hits")
        metas = [m.text for m in driver.find_elements(By.CSS_SELECTOR, "#hits .meta")]
        if not metas:
            fail("no hits left after the date filter (status: %s)" % driver.find_element(By.ID, "status").text, driver)
        for meta in metas:
            if "2024-02" not in meta and "2024-03" not in meta:
                fail("a hit outside 2024-02..2024-03 after the date filter: " + meta, driver)
        shot(driver, "03-date-filter")

        # Arrow down to the first hit whose snippet shows a match, Enter opens it.
        hits = driver.find_elements(By.CSS_SELECTOR, "#hits li.hit")
        target = next((i for i, hit in enumerate(hits) if hit.find_elements(By.CSS_SELECTOR, ".snippet mark")), None)
        if target is None:
            fail("no hit in the date range has a highlighted snippet", driver)
        box = driver.find_element(By.ID, "q")
        box.click()
        for _ in range(target + 1):
            driver.switch_to.active_element.send_keys(Keys.ARROW_DOWN)
        first = driver.switch_to.active_element
        title = first.text
        if first.get_attribute("class") != "title":
            fail("ArrowDown did not move to a hit", driver)
        first.send_keys(Keys.ENTER)
        wait(driver, lambda d: d.find_element(By.ID, "article-view").is_displayed()
             and d.find_element(By.ID, "article-title").text not in ("", "Loading…"), "the article view")
        if driver.find_element(By.ID, "article-title").text != title:
            fail("the article shown is not the hit opened", driver)
        if "article=" not in driver.current_url:
            fail("the URL does not name the article: " + driver.current_url, driver)
        if not driver.find_elements(By.CSS_SELECTOR, "#article-body mark"):
            fail("the article does not highlight the query", driver)
        shot(driver, "04-article")

        # Back returns to the same filtered results.
        driver.find_element(By.ID, "back").click()
        wait(driver, lambda d: d.find_element(By.ID, "results-view").is_displayed() and hits_done(d), "the results again")
        if "article=" in driver.current_url or "since=2024-02" not in driver.current_url:
            fail("back did not return to the filtered results: " + driver.current_url, driver)
        shot(driver, "05-back")

        # A bad query says what is wrong.
        box = driver.find_element(By.ID, "q")
        box.clear()
        box.send_keys("(border", Keys.ENTER)
        wait(driver, lambda d: "never closed" in d.find_element(By.ID, "status").text, "the query error message")
        shot(driver, "06-error")
    finally:
        driver.quit()

    # Phone width, dark theme.
    driver = browser(390, 844, dark=True)
    try:
        driver.get(BASE + "/?q=border&sort=newest")
        wait(driver, lambda d: d.find_elements(By.CSS_SELECTOR, "#hits li.hit") and hits_done(d), "hits at phone width")
        overflow = driver.execute_script("return document.documentElement.scrollWidth > window.innerWidth + 1")
        if overflow:
            fail("the page is wider than a phone screen", driver)
        background = driver.execute_script("return getComputedStyle(document.body).backgroundColor")
        if background in ("rgb(253, 253, 252)", "rgb(255, 255, 255)"):
            fail("the dark theme is not applied: background " + background, driver)
        shot(driver, "07-phone-dark")
    finally:
        driver.quit()
    print("browser test passed: query, highlights, date filter, article, back, phone width, dark theme")


if __name__ == "__main__":
    main()
