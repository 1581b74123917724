package org.ensemble.console;

import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login page and where the console starts. */
@Controller
class ConsolePages {

    @GetMapping("/login")
    String login() {
        return "console/login";
    }

    @GetMapping({"/", "/console"})
    String home(@org.springframework.web.bind.annotation.ModelAttribute("viewer") ConsoleModel.Viewer viewer) {
        if (viewer.ops() || viewer.editor()) {
            return "redirect:/console/runs";
        }
        return viewer.admin() ? "redirect:/console/admin" : "console/nothing";
    }
}
