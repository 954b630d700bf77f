// SPDX-License-Identifier: MIT
// Saved runs: what is saved loads back as the same events; a truncated, garbled or foreign file is refused
// with words that say where it is wrong.

#include "event_script.h"
#include "replay/run_file.h"

#include <mp/telemetry/wire.h>

#include <QTest>

using namespace mpstage::replay;
using namespace apptest;

namespace {

constexpr ObjectId Q { 1 };

Script smallRun()
{
    Script s;
    s.started(MAIN, "MainProcess").started(P1, "Process-1", MAIN).created(MAIN, Q, ObjectKind::Queue, 0, "q");
    s.put(MAIN, Q, 1, "'hello'").written(MAIN, Q, 1, 0).got(P1, Q, 0, "'hello'").print(P1, "got it\n");
    s.add(Event { .type = EventType::RunEnded, .a = 1, .text = "as declared: completes" });
    return s;
}

RunFile fileOf(const Script& s)
{
    RunFile run { "queue-basics", { { "items", "3" }, { "workers", "2" } }, mp::telemetry::streamHeader() };
    for (const auto& e : s.events())
        mp::telemetry::encodeFrame(run.stream, e);
    return run;
}

std::string headLine(const std::string& file)
{
    return file.substr(0, file.find('\n') + 1);
}

} // namespace

class TestRunFile : public QObject {
    Q_OBJECT

private Q_SLOTS:
    void savedRunLoadsAsTheSameEvents()
    {
        const Script s = smallRun();
        const std::string bytes = writeRunFile(fileOf(s));

        const LoadedRun sut = readRunFile(bytes);

        QCOMPARE(sut.scene, std::string("queue-basics"));
        QCOMPARE(sut.params.size(), std::size_t(2));
        QCOMPARE(sut.params[0], (std::pair<std::string, std::string> { "items", "3" }));
        QVERIFY(sut.events == s.events());
        QCOMPARE(headLine(bytes),
            std::string(
                "{\"mpstage_run\":1,\"scene\":\"queue-basics\",\"params\":{\"items\":\"3\",\"workers\":\"2\"}}\n"));
    }

    void theStreamIsKeptByteForByte()
    {
        const RunFile run = fileOf(smallRun());
        const std::string bytes = writeRunFile(run);
        QCOMPARE(bytes.substr(headLine(bytes).size()), run.stream);
        QCOMPARE(readRunFile(bytes).stream, run.stream);
    }

    void predictionsAreSavedInTheFirstLineAndLoadBack()
    {
        RunFile run = fileOf(smallRun());
        run.predictions = { { "What is the final value?", { "8000", "less than 8000" }, 1, { 3, 21 } },
            { "Does it end?", { "yes", "no" }, -1, { 0, 0 } } };
        const std::string bytes = writeRunFile(run);
        QVERIFY(headLine(bytes).find("\"predictions\":[{\"question\":\"What is the final value?\",\"choices\":"
                                     "[\"8000\",\"less than 8000\"],\"chosen\":1,\"counts\":[3,21]}")
            != std::string::npos);
        const LoadedRun sut = readRunFile(bytes);
        QVERIFY(sut.predictions == run.predictions);
        QVERIFY(sut.events == smallRun().events());
        QVERIFY(readRunFile(writeRunFile(fileOf(smallRun()))).predictions.empty()); // none: none in the file
    }

    void badPredictionsAreRefusedInWords_data()
    {
        QTest::addColumn<QString>("predictions");
        QTest::addColumn<QString>("words");
        QTest::newRow("not a list") << QStringLiteral("{}") << QStringLiteral("\"predictions\" is not a list");
        QTest::newRow("no question") << QStringLiteral("[{\"choices\":[\"a\"]}]")
                                     << QStringLiteral("needs a \"question\"");
        QTest::newRow("chosen past the choices")
            << QStringLiteral("[{\"question\":\"Q\",\"choices\":[\"a\",\"b\"],\"chosen\":2}]")
            << QStringLiteral("not one of its choices");
        QTest::newRow("a count short") << QStringLiteral(
            "[{\"question\":\"Q\",\"choices\":[\"a\",\"b\"],\"counts\":[1]}]")
                                       << QStringLiteral("one count per choice");
        QTest::newRow("a negative count")
            << QStringLiteral("[{\"question\":\"Q\",\"choices\":[\"a\",\"b\"],\"counts\":[1,-4]}]")
            << QStringLiteral("a count that is not a number");
    }

    void badPredictionsAreRefusedInWords()
    {
        QFETCH(QString, predictions);
        QFETCH(QString, words);
        std::string bytes = writeRunFile(fileOf(smallRun()));
        const std::size_t close = headLine(bytes).rfind('}');
        bytes.insert(close, ",\"predictions\":" + predictions.toStdString());
        try {
            (void)readRunFile(bytes);
            QFAIL("bad predictions were read");
        } catch (const RunFileError& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(words), e.what());
        }
    }

    void aLoadedRunExportsAsAChromeTrace()
    {
        const std::string json = chromeTrace(readRunFile(writeRunFile(fileOf(smallRun()))).events);
        QVERIFY(json.find("\"traceEvents\"") != std::string::npos);
        QVERIFY(json.find("Process-1") != std::string::npos);
    }

    void badFilesAreRefusedInWords_data()
    {
        QTest::addColumn<int>("damage");
        QTest::addColumn<QString>("words");
        QTest::addColumn<bool>("atTheStream");
        QTest::newRow("truncated in a frame") << 0 << QStringLiteral("damaged") << true;
        QTest::newRow("garbled frame") << 1 << QStringLiteral("unknown event type") << true;
        QTest::newRow("not a telemetry stream") << 2 << QStringLiteral("bad magic") << true;
        QTest::newRow("newer file version") << 3 << QStringLiteral("format version 2") << false;
        QTest::newRow("not a run file") << 4 << QStringLiteral("not a saved mpstage run") << false;
        QTest::newRow("empty") << 5 << QStringLiteral("not a saved mpstage run") << false;
        QTest::newRow("no scene") << 6 << QStringLiteral("which scene") << false;
    }

    void badFilesAreRefusedInWords()
    {
        QFETCH(int, damage);
        QFETCH(QString, words);
        QFETCH(bool, atTheStream);
        std::string bytes = writeRunFile(fileOf(smallRun()));
        const std::size_t stream = headLine(bytes).size();
        const std::size_t secondFrame = stream + mp::telemetry::STREAM_HEADER_SIZE
            + std::size_t { static_cast<unsigned char>(bytes[stream + mp::telemetry::STREAM_HEADER_SIZE]) }
            + 2; // the first frame's little-endian length (< 256) plus its length field
        std::uint64_t offset = 0;
        switch (damage) {
        case 0:
            bytes.resize(bytes.size() - 5);
            break;
        case 1:
            bytes[secondFrame + 2] = '\xff';
            bytes[secondFrame + 3] = '\xff';
            offset = secondFrame;
            break;
        case 2:
            bytes[stream] = 'X';
            offset = stream;
            break;
        case 3:
            bytes.replace(0, std::string("{\"mpstage_run\":1").size(), "{\"mpstage_run\":2");
            break;
        case 4:
            bytes = "hello\nworld";
            break;
        case 5:
            bytes.clear();
            break;
        case 6:
            bytes = "{\"mpstage_run\":1}\n" + bytes.substr(stream);
            break;
        }

        try {
            (void)readRunFile(bytes);
            QFAIL("a damaged file was read");
        } catch (const RunFileError& e) {
            QVERIFY2(QString::fromStdString(e.what()).contains(words), e.what());
            if (atTheStream)
                QVERIFY2(QString::fromStdString(e.what()).contains(QStringLiteral("byte")), e.what());
            if (offset)
                QCOMPARE(e.offset(), offset);
        }
    }

    void aRecordingPastItsLimitLetsGoOfEverything()
    {
        Recording sut;
        sut.add("abc");
        QCOMPARE(sut.bytes(), std::string("abc"));
        sut.add(std::string(Recording::LIMIT, 'x'));
        QVERIFY(sut.overflowed());
        QVERIFY(sut.bytes().empty()); // it cannot be saved whole, so it holds no memory
        QCOMPARE(sut.bytes().capacity() < 64, true);
        sut.add("def");
        QVERIFY(sut.bytes().empty());
    }
};

QTEST_GUILESS_MAIN(TestRunFile)
#include "tst_run_file.moc"
