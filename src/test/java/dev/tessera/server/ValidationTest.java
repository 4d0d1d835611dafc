package dev.tessera.server;

import static dev.tessera.server.Api.assertParamError;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Strict query validation: every bad parameter is a 400 naming it. */
class ValidationTest extends ServerTest {
    static String id;

    @BeforeAll
    static void prepare() {
        id = server.store(Images.quadrantsPng());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "foo=1              | foo",
            "width=100          | width",
            "W=100              | W",
            "w=100&bogus        | bogus",
            "w=1&w=2            | w",
            "fm=png&fm=png      | fm",
            "w=0                | w",
            "w=8193             | w",
            "w=-5               | w",
            "w=1.5              | w",
            "w=abc              | w",
            "w=                 | w",
            "w                  | w",
            "w=99999999999999999999 | w",
            "h=0                | h",
            "h=8193             | h",
            "dpr=0.5            | dpr",
            "dpr=5              | dpr",
            "dpr=x              | dpr",
            "fit=stretch        | fit",
            "fit=COVER          | fit",
            "g=middle           | g",
            "g=fp:1.5,0.5       | g",
            "g=fp:0.5           | g",
            "g=fp:-0.1,0.5      | g",
            "enlarge=2          | enlarge",
            "enlarge=true       | enlarge",
            "crop=1,2,3         | crop",
            "crop=0,0,0,10      | crop",
            "crop=-1,0,10,10    | crop",
            "crop=a,b,c,d       | crop",
            "rot=45             | rot",
            "rot=360            | rot",
            "rot=-90            | rot",
            "flip=x             | flip",
            "flip=none          | flip",
            "blur=0.1           | blur",
            "blur=101           | blur",
            "sharpen=0.2        | sharpen",
            "sharpen=11         | sharpen",
            "bg=zzzzzz          | bg",
            "bg=fff             | bg",
            "bg=%23ffffff       | bg",
            "fm=bmp             | fm",
            "fm=heic            | fm",
            "fm=tiff            | fm",
            "q=0                | q",
            "q=101              | q",
            "anim=2             | anim",
            "preset=thumb       | preset",
    })
    void badParameterIs400NamingIt(String query, String param) {
        assertParamError(server.get("/images/" + id + "?" + query), param);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "png | fm=webp | fm",
            "bmp |         | fm",
    })
    void badExtensionIs400(String ext, String query, String param) {
        String path = "/images/" + id + "." + ext + (query == null ? "" : "?" + query);
        Response r = server.get(path);
        assertThat(r.status()).as("%s: %s", path, r).isEqualTo(400);
        assertParamError(r, param);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {"w=8192&h=1&fit=fill&enlarge=1", "w=1&h=1", "dpr=4&w=2", "blur=100",
            "sharpen=10", "q=1&fm=jpeg", "q=100&fm=webp", "bg=FFAA0080&w=10&h=10&fit=contain",
            "g=fp:0,1&w=10&h=10", "crop=0,0,999999,999999"})
    void boundaryValuesAreAccepted(String query) {
        server.render(id, query);
    }
}
